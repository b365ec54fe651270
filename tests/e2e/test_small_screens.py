"""On a phone 360 px wide, no public page scrolls sideways, in English or in Arabic, even
with an organization whose name and website have no place to break; a long signatory list
folds so the letter page stays short, and runs in columns on a wide screen."""

import pytest

from signatories.models import Signature
from tests.factories import LetterFactory, bulk_signatures

from .conftest import UNBREAKABLE_NAME

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
WIDTHS = "() => [document.documentElement.scrollWidth, window.innerWidth]"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_public_page_scrolls_sideways_on_a_phone(browser, site, public_tour, language):
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([{"name": "django_language", "value": language, "url": site.url}])
    page = context.new_page()
    too_wide, visited = [], []
    for name, url in public_tour(page):
        visited.append(name)
        scroll_width, inner_width = page.evaluate(WIDTHS)
        if scroll_width > inner_width:
            too_wide.append(f"{name} ({url}): {scroll_width} px wide in a {inner_width} px window")
    assert "letter" in visited and "print" in visited
    # The long name is really on the pages that list organizations.
    page.goto(f"{site.url}/")
    assert page.get_by_text(UNBREAKABLE_NAME).count() == 1
    context.close()

    assert not too_wide, "\n".join(too_wide)


# Sixty countries in every region, so that the list folds by region, not only by country.
MANY_COUNTRIES = [
    "DZ",
    "AO",
    "BJ",
    "BW",
    "BF",
    "BI",
    "CM",
    "CV",
    "CF",
    "TD",
    "KM",
    "CG",
    "EG",
    "ER",
    "ET",
    "GA",
    "GM",
    "GH",
    "GN",
    "KE",
    "AR",
    "BO",
    "BR",
    "CA",
    "CL",
    "CO",
    "CR",
    "CU",
    "EC",
    "MX",
    "PE",
    "US",
    "UY",
    "VE",
    "AF",
    "BD",
    "CN",
    "IN",
    "ID",
    "JP",
    "JO",
    "LB",
    "MY",
    "NP",
    "PK",
    "PH",
    "AT",
    "BE",
    "BG",
    "HR",
    "DK",
    "FR",
    "DE",
    "GR",
    "IT",
    "ES",
    "SE",
    "AU",
    "FJ",
    "NZ",
]


def _letter_with_signatories(count):
    letter = LetterFactory(title="The same letter", body=LETTER_BODY)
    bulk_signatures(letter, count)
    signatures = list(Signature.objects.filter(letter=letter))
    for n, signature in enumerate(signatures):
        signature.country = MANY_COUNTRIES[n % len(MANY_COUNTRIES)]
    Signature.objects.bulk_update(signatures, ["country"])
    return letter


LETTER_BODY = "\n\n".join(
    "We, the undersigned organizations, call on you to protect the people who defend human "
    f"rights, and to act on this letter's request number {n}."
    for n in range(8)
)
PAGE_HEIGHT = "() => document.documentElement.scrollHeight"


def test_a_long_signatory_list_keeps_the_letter_page_short_on_a_phone(browser, site):
    empty, signed = _letter_with_signatories(0), _letter_with_signatories(300)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site.url + empty.get_absolute_url())
    letter_alone = page.evaluate(PAGE_HEIGHT)
    page.goto(site.url + signed.get_absolute_url())
    assert page.locator(".signatory-list li").count() == 300
    with_300 = page.evaluate(PAGE_HEIGHT)
    assert with_300 < 2 * letter_alone, (with_300, letter_alone)
    # Each region opens to show its organizations.
    region = page.locator("details.signatory-region").first
    region.locator("summary").click()
    assert region.locator(".signatory-list li").first.is_visible()
    context.close()


def test_signatories_run_in_columns_on_a_wide_screen(browser, site):
    letter = _letter_with_signatories(60)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site.url + letter.get_absolute_url())
    region = page.locator("details.signatory-region").first
    region.locator("summary").click()
    columns = region.locator(".signatory-columns")
    assert columns.evaluate("e => getComputedStyle(e).columnWidth") != "auto"
    lefts = {round(box["x"]) for box in (h.bounding_box() for h in region.locator("h3").all())}
    assert len(lefts) > 1, lefts  # the countries really sit side by side
    page.set_viewport_size(PHONE)
    assert columns.evaluate("e => getComputedStyle(e).columnWidth") == "auto"
    context.close()
