"""A person signs in Chromium, confirms from the emailed link, a moderator approves in the
admin, and a letter page opened before the approval shows the new count without a reload."""

import re

import pytest

from signatories.moderation import moderators
from tests.factories import LetterFactory

pytestmark = [
    pytest.mark.services,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_sign_confirm_approve_and_watch_the_count(browser, site, start_worker, smtp_inbox):
    from playwright.sync_api import expect

    start_worker(site_url=site.url)
    letter = LetterFactory(title="Letter for the browser test")
    moderators.moderator_create(
        username="moderator", email="m@example.org", password="Pw-long-42!x"
    )

    watcher = browser.new_page()
    watcher.goto(f"{site.url}/letters/{letter.slug}/")
    expect(watcher.locator("#signatory-count")).to_have_text("0")

    signer = browser.new_page()
    signer.goto(f"{site.url}/letters/{letter.slug}/")
    signer.get_by_role("link", name="Sign this letter").first.click()  # above the letter
    signer.get_by_role("textbox", name=re.compile("^Organization")).fill("Colectivo Defensoras")
    signer.get_by_role("combobox", name=re.compile("^Country")).select_option("MX")
    signer.get_by_label("International").check()
    signer.get_by_label("Website").fill("defensoras.example.org")
    signer.get_by_label("Your name").fill("Marta Ruiz")
    signer.get_by_label("Your email").fill("marta@defensoras.example.org")
    signer.get_by_label(re.compile("I agree")).check()
    signer.get_by_role("button", name="Sign the letter").click()
    expect(signer.get_by_role("heading", name="Check your inbox")).to_be_visible()

    (message,) = smtp_inbox.wait_for(1)
    signer.goto(f"{site.url}{smtp_inbox.confirm_path(message)}")
    expect(signer.get_by_text("Colectivo Defensoras")).to_be_visible()
    signer.get_by_role("button", name="Confirm the signature").click()
    expect(signer.get_by_role("heading", name=re.compile("confirmed"))).to_be_visible()

    admin = browser.new_page()
    admin.goto(f"{site.url}/admin/")
    admin.get_by_label("Username").fill("moderator")
    admin.get_by_label("Password").fill("Pw-long-42!x")
    admin.get_by_role("button", name="Log in").click()
    admin.goto(f"{site.url}/admin/signatories/signature/")
    row = admin.get_by_role("row", name=re.compile("Colectivo Defensoras"))
    row.get_by_role("checkbox").check()
    admin.locator("select[name=action]").select_option("approve_signatures")
    admin.get_by_role("button", name="Go").click()
    expect(admin.get_by_text("1 signature approved.")).to_be_visible()

    expect(watcher.locator("#signatory-count")).to_have_text("1", timeout=20_000)
    expect(watcher.get_by_text("Colectivo Defensoras")).to_have_count(0)  # no reload happened
