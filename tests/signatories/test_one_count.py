"""One true count: every public page, in English and in Arabic, states the live number of
signatories and no other (the seeded letter's "750+ organizations" included), with the
number of countries beside it; the directory says how many are named and how many not."""

import html
import re

import pytest
from django.urls import reverse

from letter.models import Letter
from signatories.models import Signature
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

SEEDED = "joint-ngo-letter-2018"
# A number of organizations: digits (perhaps "750+") before the word in any of the languages.
STATED_COUNT = re.compile(
    # ("N more organizations" / "N منظمة أخرى", those not listed, and "N organizations in
    # <country> who asked not to be named" / "N منظمات في", a country's group, are parts.)
    r"(\d[\d,.\s]*?)\+?\s*(?:organi[sz]ations?(?!\s+(?:in|en|au|aux|de)\s)|organismes?"
    r"|organizaci(?!\S*\s+(?:en|de)\s)|منظم(?!\S*\s+(?:أخر|في)))",
    re.IGNORECASE,
)
PLUS_NUMBER = re.compile(r"\d\+(?!\d)")  # "750+", not a timestamp's "+00:00"


@pytest.fixture
def seeded_letter(client):
    letter = Letter.objects.get(slug=SEEDED)
    for country in ("KE", "KE", "NG"):
        SignatureFactory(letter=letter, approved=True, country=country)
    SignatureFactory(
        letter=letter, approved=True, country="FR", listing=Signature.Listing.COUNTRY_ONLY
    )
    SignatureFactory(letter=letter, approved=True, country="JP", listing=Signature.Listing.UNLISTED)
    SignatureFactory(letter=letter, country="BR")  # unconfirmed: not counted
    return letter


def _public_pages(slug):
    for name in ("letter", "directory", "embed", "print", "sign", "check_inbox", "count"):
        yield name, reverse(f"signatories:{name}", args=[slug])
    yield "signatories.json", reverse("signatories:data_json", args=[slug])
    yield "privacy", reverse("letter:privacy")


def _text(response):
    content = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        content = content.encode().decode("unicode_escape")
    return html.unescape(re.sub(r"<[^>]+>", "", content))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_public_page_states_another_number_of_signatories(client, seeded_letter, language):
    stated = {}
    for name, url in _public_pages(seeded_letter.slug):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, name
        text = _text(response)
        assert not PLUS_NUMBER.search(text), f"{name}: {PLUS_NUMBER.search(text)}"
        for number in STATED_COUNT.findall(text):
            stated.setdefault(name, set()).add(int(re.sub(r"\D", "", number)))
    assert all(numbers == {5} for numbers in stated.values()), stated
    # The pages that show the count do state it.
    assert {"letter", "directory", "embed", "print"} <= set(stated)


@pytest.mark.parametrize(
    "language, headline",
    [
        ("en", "5 organizations from 4 countries have signed"),
        ("fr", "5 organisations de 4 pays ont signé"),
        ("es", "5 organizaciones de 4 países han firmado"),
        ("ar", "وقّعت 5 منظمات من 4 بلدان"),
    ],
)
def test_the_headline_counts_organizations_and_countries_in_each_language(
    client, seeded_letter, language, headline
):
    for view in ("signatories:letter", "signatories:directory", "signatories:embed"):
        response = client.get(
            reverse(view, args=[seeded_letter.slug]), HTTP_ACCEPT_LANGUAGE=language
        )
        assert headline in _text(response), view
    data = client.get(
        reverse("signatories:count", args=[seeded_letter.slug]), HTTP_ACCEPT_LANGUAGE=language
    ).json()
    assert (data["count"], data["countries"], data["headline"]) == (5, 4, headline)
    assert data["headline_template"].format(count=5, countries=4) == headline


@pytest.mark.parametrize(
    "count, countries, headline",
    [
        (1, 1, "وقّعت 1 منظمة من 1 بلد"),
        (2, 2, "وقّعت 2 منظمتان من 2 بلدين"),
        (11, 1, "وقّعت 11 منظمةً من 1 بلد"),
    ],
)
def test_arabic_plural_forms_follow_each_number(client, letter, count, countries, headline):
    for i in range(count):
        SignatureFactory(letter=letter, approved=True, country=["KE", "NG"][i % countries])
    data = client.get(
        reverse("signatories:count", args=[letter.slug]), HTTP_ACCEPT_LANGUAGE="ar"
    ).json()
    assert data["headline"] == headline


def test_a_count_in_one_language_is_not_validated_for_another(client, seeded_letter):
    url = reverse("signatories:count", args=[seeded_letter.slug])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="ar", HTTP_IF_NONE_MATCH=english["ETag"])
    assert arabic.status_code == 200
    assert "منظمات" in arabic.json()["headline"]


def test_the_directory_says_how_many_are_named_and_how_many_not(client, seeded_letter):
    response = client.get(reverse("signatories:directory", args=[seeded_letter.slug]))
    text = " ".join(_text(response).split())
    assert "3 are named; 2 asked not to be named." in text
    assert "3 named organizations" in text
