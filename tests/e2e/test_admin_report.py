"""The coordinator's report in a browser (issue 12 item 7): with a coalition's worth of demo
signatures, axe-core finds no serious or critical violation on it."""

import pytest
from django.urls import reverse

from signatories.demo.generate import demo_signatures_create
from tests.e2e.test_review_queue import serious_violations, signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("locale", ["en-GB", "ar"])  # and right to left
def test_the_coordinators_report_has_no_serious_accessibility_violation(
    browser, site, letter, moderator, locale
):
    demo_signatures_create(letter=letter, moderator=moderator, count=300)
    page = signed_in(browser, site, moderator, locale=locale)
    page.goto(site.url + reverse("admin:signatories_signature_report"))

    # The report is there to be checked: its letter, its charts and its tables.
    assert letter.title in page.locator("#content").inner_text()
    assert page.locator("#content svg").count() >= 2
    assert page.locator("#content table").count() >= 1
    assert serious_violations(page) == []
