"""A moderator facing a coalition's worth of signatures: the queue fits a laptop's screen
with its hints in view, a moderator reviews twenty signatures with the keyboard alone, and
axe-core finds no serious or critical violation on the queue, review and reject pages."""

import re

import pytest
from django.urls import reverse

from signatories.demo.generate import demo_signatures_create
from signatories.models import Signature
from signatories.moderation.queue import QUEUE_ORDER
from signatories.moderation.selectors import with_duplicate_hints
from tests.factories import CHANGELIST

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-Long-passphrase-42"  # the moderator fixture's
PER_PAGE = 100  # SignatureAdmin.list_per_page


@pytest.fixture
def coalition(letter, moderator):
    """750 demo signatures on the letter, about half of them awaiting review."""
    demo_signatures_create(letter=letter, moderator=moderator, count=750)
    return letter


def signed_in(browser, site, moderator, **context_options):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, **context_options)
    page = context.new_page()
    page.goto(site.url + reverse("admin:login"))
    page.fill("[name=username]", moderator.username)
    page.fill("[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("[type=submit]")
    return page


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}) at {node['target']}: "
        f"{violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
        for node in violation["nodes"]
    ]


def first_duplicate_in_queue():
    """The oldest signature awaiting review that the hints call a possible duplicate, and
    its place in the queue (0 for the oldest)."""
    queue = with_duplicate_hints(Signature.objects.awaiting_review()).order_by(*QUEUE_ORDER)
    for place, signature in enumerate(queue):
        if signature.same_name or signature.same_email_domain or signature.same_website:
            return place, signature
    raise AssertionError("the demo made no duplicate")


def test_the_queue_fits_a_laptop_with_the_hints_in_view(browser, site, coalition, moderator):
    assert Signature.objects.awaiting_review().count() > PER_PAGE
    place, duplicate = first_duplicate_in_queue()
    page = signed_in(browser, site, moderator, bypass_csp=True)
    page.goto(f"{site.url}{CHANGELIST}?p={place // PER_PAGE + 1}")

    results = page.locator("#changelist-form .results")
    widths = results.evaluate("box => [box.scrollWidth, box.clientWidth]")
    assert widths[0] <= widths[1], f"the queue scrolls sideways: {widths}"
    row = page.locator("#result_list tr", has=page.locator(f"a[href$='/{duplicate.pk}/review/']"))
    badge = row.locator(".hint-duplicate")
    badge.scroll_into_view_if_needed()
    assert badge.is_visible()
    assert re.match(r"possible duplicate: same (name|email domain|website)", badge.inner_text())
    box = badge.bounding_box()
    assert page.evaluate("window.scrollX") == 0
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    domain_badge = row.locator(".hint").first
    assert domain_badge.inner_text() in {
        "domain matches",
        "domain differs",
        "webmail",
        "no website",
        "no email",
    }
    # The country filter lists the countries present, not all of the world's.
    countries = page.locator("#changelist-filter details:has(summary:text('country')) li")
    assert 1 < countries.count() < 100

    assert not serious_violations(page), "\n".join(serious_violations(page))


def _tab_to(page, selector, limit=60):
    """Press Tab until the element matching `selector` has the focus, as a person would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reached with Tab")


def _press_and_wait(page, key):
    before = page.url
    page.keyboard.press(key)
    page.wait_for_url(lambda url: url != before)


def test_a_moderator_reviews_twenty_signatures_with_the_keyboard(
    browser, site, coalition, moderator
):
    waiting = Signature.objects.awaiting_review().count()
    page = signed_in(browser, site, moderator)  # with the site's strict CSP
    page.goto(site.url + CHANGELIST)
    _tab_to(page, "a.start-review")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/review/$"))
    assert page.locator(".review-place").inner_text().startswith(f"1 of {waiting} ")

    skipped = page.url
    _press_and_wait(page, "s")  # skip the oldest: it stays in the queue
    for _ in range(18):
        _press_and_wait(page, "a")
    rejected_url = page.url
    _press_and_wait(page, "r")
    assert page.locator("h1").inner_text().startswith("Reject")
    reject_page_violations = serious_violations(page)
    _tab_to(page, "[name=reason_choice]")
    page.keyboard.press("Space")
    _tab_to(page, "[type=submit]")
    _press_and_wait(page, "Enter")
    _press_and_wait(page, "a")

    assert "review" in page.url and page.url != skipped
    assert (
        page.locator(".messagelist")
        .inner_text()
        .endswith(f"{waiting - 20} signatures await review.")
    )
    review_page_violations = serious_violations(page)
    page.goto(site.url + CHANGELIST)
    assert page.locator(".review-queue-summary strong").inner_text() == (
        f"{waiting - 20} signatures await review"
    )
    assert Signature.objects.awaiting_review().count() == waiting - 20
    assert Signature.objects.filter(status=Signature.Status.REJECTED, decided_by=moderator)
    rejected_pk = int(rejected_url.rstrip("/").split("/")[-2])
    assert Signature.objects.get(pk=rejected_pk).status == Signature.Status.REJECTED
    skipped_pk = int(skipped.rstrip("/").split("/")[-2])
    assert Signature.objects.get(pk=skipped_pk).status == Signature.Status.CONFIRMED
    found = reject_page_violations + review_page_violations
    assert not found, "\n".join(found)
