"""The live count on the letter page asks the server for news only while the tab is shown, and
catches up as soon as it is shown again."""

import pytest
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Chromium keeps a page it drives visible; this stands in for the browser hiding the tab.
VISIBILITY_SWITCH = """
window.__hidden = false;
Object.defineProperty(document, "hidden", { get: () => window.__hidden });
Object.defineProperty(document, "visibilityState", {
  get: () => (window.__hidden ? "hidden" : "visible"),
});
"""


def _set_hidden(page, hidden):
    page.evaluate(
        "hidden => { window.__hidden = hidden;"
        " document.dispatchEvent(new Event('visibilitychange')); }",
        hidden,
    )


def test_count_polls_only_while_the_tab_is_visible(browser, site, public_letter):
    page = browser.new_page()
    page.add_init_script(VISIBILITY_SWITCH)
    page.clock.install()  # the page's timers advance only when the test says so
    polls = []
    page.on("request", lambda request: "count.json" in request.url and polls.append(request))
    page.goto(site.url + reverse("signatories:letter", args=[public_letter.slug]))

    page.clock.run_for(5_000)
    page.wait_for_load_state("networkidle")
    assert len(polls) == 1  # visible: polled every five seconds

    _set_hidden(page, True)
    page.clock.run_for(60_000)
    page.wait_for_load_state("networkidle")
    assert len(polls) == 1  # hidden for a minute: not one request

    with page.expect_request("**/count.json"):
        _set_hidden(page, False)
        page.clock.run_for(10)  # shown again: polled at once, without waiting for the interval
    assert len(polls) == 2
