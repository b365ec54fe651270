"""A moderator selects the whole queue in Chromium and approves it: the selection holds a
possible duplicate, which the confirmation page leaves out unless ticked."""

import re

import pytest

from signatories.models import Signature
from signatories.moderation import moderators
from tests.factories import LetterFactory, SignatureFactory

pytestmark = [
    pytest.mark.services,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_select_all_and_approve_leaves_the_duplicate_in_the_queue(browser, site):
    from playwright.sync_api import expect

    letter = LetterFactory(title="Letter for the bulk approval")
    SignatureFactory(letter=letter, approved=True, organization="Amnesty Kenya")
    duplicate = SignatureFactory(letter=letter, confirmed=True, organization="AMNESTY kenya")
    others = [SignatureFactory(letter=letter, confirmed=True) for _ in range(5)]
    moderators.moderator_create(
        username="moderator", email="m@example.org", password="Pw-long-42!x"
    )

    admin = browser.new_page()
    admin.goto(f"{site.url}/admin/")
    admin.get_by_label("Username").fill("moderator")
    admin.get_by_label("Password").fill("Pw-long-42!x")
    admin.get_by_role("button", name="Log in").click()
    admin.goto(f"{site.url}/admin/signatories/signature/")
    admin.locator("#action-toggle").check()
    admin.locator("select[name=action]").select_option("approve_signatures")
    admin.get_by_role("button", name="Go").click()

    expect(admin.get_by_role("heading", name="Approve signatures")).to_be_visible()
    tick = admin.get_by_role("checkbox", name=re.compile("AMNESTY kenya"))
    expect(tick).not_to_be_checked()
    expect(admin.get_by_role("link", name="Amnesty Kenya")).to_be_visible()
    admin.get_by_role("button", name="Approve").click()

    expect(admin.get_by_text("5 signatures approved.")).to_be_visible()
    expect(admin.get_by_text("1 possible duplicate was left in the queue.")).to_be_visible()
    duplicate.refresh_from_db()
    assert duplicate.status == Signature.Status.CONFIRMED
    assert {s.status for s in Signature.objects.filter(pk__in=[o.pk for o in others])} == {
        Signature.Status.APPROVED
    }
    # The queue still shows it, alone.
    expect(admin.get_by_role("row", name=re.compile("AMNESTY kenya"))).to_be_visible()
