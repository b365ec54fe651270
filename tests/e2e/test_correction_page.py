"""The page an import's invitation opens to correct the details, in Chromium: prefilled, its
button in reach on a phone and a laptop, in English and in Arabic (right to left); a
mistake is listed above the form and focused; the corrections sent are stored and confirm.
Each state is saved as a screenshot (in SCREENSHOTS_DIR if set) to look at."""

import os
from pathlib import Path

import pytest

from signatories.models import Signature

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}
WIDTHS = "() => [document.documentElement.scrollWidth, window.innerWidth]"


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_correction_page_prefilled_fixed_and_sent(
    browser, site, new_correct_path, shots, screen, language
):
    path = new_correct_path()
    page = browser.new_page(viewport=SCREENS[screen])
    page.goto(f"{site.url}{path}?lang={language}")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("#id_organization").input_value() == "Red de Defensoras"
    assert page.locator("#id_country").input_value() == "MX"
    scroll_width, inner_width = page.evaluate(WIDTHS)
    assert scroll_width <= inner_width
    page.screenshot(path=shots / f"correct-{language}-{screen}.png", full_page=True)

    page.locator("#id_organization").fill("")
    page.locator("#id_website").fill("not a website")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    summary = page.locator("#error-summary")
    assert summary.locator("a").count() == 2
    page.wait_for_function("document.activeElement.id === 'error-summary'")
    page.screenshot(path=shots / f"correct-{language}-{screen}-errors.png", full_page=True)

    page.locator("#id_organization").fill("Red Nacional de Defensoras")
    page.locator("#id_website").fill("defensoras.org.mx")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.locator("h1").count() == 1
    signature = Signature.objects.get(organization="Red Nacional de Defensoras")
    assert signature.status == Signature.Status.CONFIRMED
    assert signature.website == "https://defensoras.org.mx"
    page.screenshot(path=shots / f"correct-{language}-{screen}-sent.png", full_page=True)
    page.close()
