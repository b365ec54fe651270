"""A coordinator publishes an update with a PDF in the admin (Chromium) and emails it; a real
worker sends it through the SMTP server to the signer who asked, and the letter page shows it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from signatories.moderation.coordinators import COORDINATORS_GROUP
from tests.factories import LetterFactory, SignatureFactory

pytestmark = [
    pytest.mark.services,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_coordinator_publishes_and_emails_an_update(
    browser, site, start_worker, smtp_inbox, tmp_path
):
    from playwright.sync_api import expect

    start_worker(site_url=site.url)
    letter = LetterFactory(title="Letter with news")
    SignatureFactory(letter=letter, approved=True, wants_updates=True, email="yes@ngo.example")
    SignatureFactory(letter=letter, approved=True, email="no@ngo.example")
    coordinator = get_user_model().objects.create_user(
        "coordinator", password="Pw-long-42!x", is_staff=True
    )
    coordinator.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    pdf = tmp_path / "reply.pdf"
    pdf.write_bytes(PDF)

    admin = browser.new_page()
    admin.goto(f"{site.url}/admin/")
    admin.get_by_label("Username").fill("coordinator")
    admin.get_by_label("Password").fill("Pw-long-42!x")
    admin.get_by_role("button", name="Log in").click()
    admin.goto(f"{site.url}/admin/letter/letterupdate/add/")
    admin.locator("select[name=letter]").select_option(label="Letter with news")
    admin.locator("input[name=title]").fill("The minister replied")
    admin.locator("textarea[name=body]").fill("Read the reply attached.")
    admin.locator("input[name=pdf]").set_input_files(str(pdf))
    admin.locator("input[name=_save]").click()
    expect(admin.get_by_text(re.compile("was added successfully"))).to_be_visible()

    row = admin.get_by_role("row", name=re.compile("The minister replied"))
    row.get_by_role("checkbox").check()
    admin.locator("select[name=action]").select_option("email_to_signatories")
    admin.get_by_role("button", name="Go").click()
    expect(admin.get_by_text(re.compile("1 more signatory will receive it"))).to_be_visible()

    (message,) = smtp_inbox.wait_for(1)
    assert message["To"] == "yes@ngo.example"
    assert "The minister replied" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    reader = browser.new_page()
    reader.goto(f"{site.url}/letters/{letter.slug}/")
    updates = reader.locator("section.letter-updates")
    expect(updates.get_by_role("heading", name="The minister replied")).to_be_visible()
    link = updates.get_by_role("link", name="Download the document (PDF)")
    response = reader.request.get(site.url + link.get_attribute("href"))
    assert response.body() == PDF
    assert response.headers["content-type"] == "application/pdf"
