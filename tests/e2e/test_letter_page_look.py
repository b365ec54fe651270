"""Issue 23, as a signer sees it in Chromium, with 750 demo signatures on the seed letter, on
a phone (375×740) and a laptop (1280×800), in English and Arabic: the count and the Sign
button in the first screen, the Sign button in reach while reading, no sideways scroll, a
language control on one line, every named signatory on the page, the folded groups opened
with the keyboard, and no axe violation."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from letter.models import Letter
from letter.public_version import mark_published
from signatories.models import Signature

from .test_accessibility import _violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEEDED = "joint-ngo-letter-2018"
SCREENS = {"phone": {"width": 375, "height": 740}, "laptop": {"width": 1280, "height": 800}}
IN_VIEW = """e => { const r = e.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= innerWidth; }"""


@pytest.fixture
def demo_letter():
    call_command("demo_signatures", SEEDED, "--count", "750", "--force", stdout=io.StringIO())
    letter = Letter.objects.get(slug=SEEDED)
    with transaction.atomic():
        mark_published(letter.pk)
    return letter


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_letter_page_of_a_real_campaign(browser, site, demo_letter, screen, language):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(
        viewport=SCREENS[screen], bypass_csp=True, extra_http_headers={"Accept-Language": language}
    )
    page = context.new_page()
    page.goto(f"{site.url}{demo_letter.get_absolute_url()}")

    assert page.locator("#signatory-count").evaluate(IN_VIEW), "count below the first screen"
    assert page.locator(".hero .btn-accent").evaluate(IN_VIEW), "Sign below the first screen"
    width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner, f"{width} px wide in a {inner} px window"
    # The language control: its select and button on one line, the button's label unwrapped.
    select, button = (
        page.locator(f".language-switcher {s}").bounding_box() for s in ("select", "button")
    )
    assert abs(select["y"] + select["height"] / 2 - button["y"] - button["height"] / 2) < 2
    assert page.locator(".language-switcher button").evaluate("b => b.getClientRects().length") == 1
    assert button["height"] < 40

    named = Signature.objects.public().filter(letter=demo_letter, listing="named")
    content = page.content()
    assert all(name in content for name in named.values_list("organization", flat=True)[:50])

    # While the letter is read, a Sign button stays on the screen.
    page.locator(".letter-body p").nth(3).scroll_into_view_if_needed()
    assert page.locator(".sign-bar .btn").evaluate(IN_VIEW)

    # The groups are folded, and open from the keyboard.
    region = page.locator(".signatory-region").first
    assert region.get_attribute("open") is None
    region.locator("summary").focus()
    page.keyboard.press("Enter")
    assert region.get_attribute("open") is not None

    assert not _violations(Axe(), page, f"letter {screen} {language}")
    context.close()
