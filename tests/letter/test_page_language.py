"""Issue 13 item 3: each public page has an address per language (`?lang=xx`), which the page
cache keeps apart, and its head lists them as `hreflang` alternates with a canonical link,
absolute from SITE_URL."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from letter.models import LetterTranslation
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

SITE = "https://letter.example.org"


@pytest.fixture
def french_letter(letter, settings):
    settings.SITE_URL = SITE
    LetterTranslation.objects.create(
        letter=letter, language="fr", title="Lettre ouverte en français", body="Premier."
    )
    return letter


def page_language(content):
    return re.search(r'<html lang="([^"]*)"', content)[1]


def canonical(content):
    return re.findall(r'<link rel="canonical" href="([^"]*)">', content)


def alternates(content):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]*)" href="([^"]*)">', content))


def test_lang_parameter_shows_the_page_in_that_language_without_a_cookie(client, french_letter):
    url = french_letter.get_absolute_url()
    response = client.get(url, {"lang": "fr"})
    content = response.content.decode()
    assert page_language(content) == "fr" and response["Content-Language"] == "fr"
    assert "Lettre ouverte en français" in content and "Aller au contenu" in content
    assert "django_language" not in response.cookies
    # For that request only: the same visitor's next page is in their own language again.
    assert page_language(client.get(url).content.decode()) == "en"


def test_lang_parameter_wins_over_cookie_and_unknown_codes_are_ignored(client, french_letter):
    url = french_letter.get_absolute_url()
    client.cookies["django_language"] = "es"
    assert page_language(client.get(url, {"lang": "fr"}).content.decode()) == "fr"
    assert page_language(client.get(url, {"lang": "xx"}).content.decode()) == "es"
    client.cookies.pop("django_language")
    response = client.get(url, {"lang": "xx"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and page_language(response.content.decode()) == "en"


def test_page_cache_keeps_each_language_apart(client, french_letter, django_assert_num_queries):
    """A French page stored for `?lang=fr` is never served to an English request, nor to a
    French-cookie request for the address without `lang` (its canonical link differs)."""
    url = french_letter.get_absolute_url()
    client.get(url, {"lang": "fr"})  # stored
    with django_assert_num_queries(0):
        cached = client.get(url, {"lang": "fr"}).content.decode()
    assert page_language(cached) == "fr"

    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page_language(english) == "en" and "Lettre ouverte en français" not in english
    client.cookies["django_language"] = "fr"
    french = client.get(url).content.decode()
    assert page_language(french) == "fr"
    assert canonical(french) == [f"{SITE}{url}"] and canonical(cached) == [f"{SITE}{url}?lang=fr"]


def test_page_cache_serves_an_unknown_language_code_the_page_without_it(client, french_letter):
    url = french_letter.get_absolute_url()
    plain = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, {"lang": "xx"})
    assert len(queries) == 0, "a made-up lang value rendered the page again"
    assert again.content == plain.content
    assert canonical(again.content.decode()) == [f"{SITE}{url}"]


PUBLIC_PAGES = [
    "signatories:letter",
    "signatories:directory",
    "signatories:embed",
    "signatories:print",
]


@pytest.mark.parametrize("view", PUBLIC_PAGES)
def test_public_pages_list_their_language_versions_from_site_url(client, french_letter, view):
    path = reverse(view, args=[french_letter.slug])
    content = client.get(path, HTTP_HOST="localhost").content.decode()
    assert canonical(content) == [f"{SITE}{path}"]
    assert alternates(content) == {
        "en": f"{SITE}{path}?lang=en",
        "fr": f"{SITE}{path}?lang=fr",
        "es": f"{SITE}{path}?lang=es",
        "ar": f"{SITE}{path}?lang=ar",
        "x-default": f"{SITE}{path}",
    }
    assert "localhost" not in content


def test_canonical_keeps_lang_and_drops_the_directory_filters(client, french_letter):
    SignatureFactory(letter=french_letter, approved=True, country="FR")
    path = reverse("signatories:directory", args=[french_letter.slug])
    content = client.get(path, {"country": "FR", "page": 1, "lang": "es"}).content.decode()
    assert canonical(content) == [f"{SITE}{path}?lang=es"]
    assert alternates(content)["x-default"] == f"{SITE}{path}"


def test_privacy_page_lists_its_language_versions(client, settings):
    settings.SITE_URL = SITE
    content = client.get(reverse("letter:privacy"), {"lang": "ar"}).content.decode()
    assert page_language(content) == "ar"
    assert canonical(content) == [f"{SITE}/privacy/?lang=ar"]
    assert alternates(content)["x-default"] == f"{SITE}/privacy/"


def test_pages_at_a_secret_address_list_no_language_versions(client, signature):
    content = client.get(reverse("signatories:confirm", args=["not-a-token"])).content.decode()
    assert 'hreflang="' not in content and 'rel="canonical"' not in content


def test_language_switcher_returns_to_the_page_without_lang(client, french_letter):
    """Otherwise the `lang` in the address would override the language just chosen."""
    url = french_letter.get_absolute_url()
    content = client.get(url, {"lang": "fr", "utm_source": "x"}).content.decode()
    # A made-up parameter is not part of the page (letter/page_query.py): not kept either.
    assert f'name="next" type="hidden" value="{url}"' in content
