"""The share partial in a browser: "Copy link" copies the letter's address from SITE_URL."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_copy_link_puts_the_letters_address_on_the_clipboard(browser, site, public_letter):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url)
    page = context.new_page()
    page.goto(site.url + public_letter.get_absolute_url())
    page.get_by_role("button", name="Copy link").click()
    page.get_by_role("status").filter(has_text="Link copied").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == page.locator("#share-url").input_value()
    assert copied.endswith(f"/letters/{public_letter.slug}/")
    context.close()
