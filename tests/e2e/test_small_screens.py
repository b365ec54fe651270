"""On a phone 360 px wide, no public page scrolls sideways, in English or in Arabic, even
with an organization whose name and website have no place to break."""

import pytest

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
