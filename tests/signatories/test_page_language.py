"""What the head and the letter's text tell browsers, search engines and screen readers: the
language and direction of text in another language than the page's, which languages the
letter can be read in, a description of each page, and the site's icon."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from letter.models import LetterTranslation

pytestmark = pytest.mark.django_db

ORIGINAL_BODY = '<div class="letter-body" lang="en" dir="ltr">'
NOT_TRANSLATED = "This letter is not available in"


def _page(client, letter, language, view="signatories:letter"):
    url = reverse(view, args=[letter.slug])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_original_text_on_an_arabic_page_keeps_its_own_language_and_direction(client, letter):
    content = _page(client, letter, "ar")

    assert '<html lang="ar" dir="rtl">' in content
    assert f'<h1 lang="en" dir="ltr">{letter.title}</h1>' in content
    assert ORIGINAL_BODY in content
    assert _page(client, letter, "ar", "signatories:print").count('lang="en" dir="ltr"') == 2


def test_translated_text_takes_the_pages_language(client, letter):
    LetterTranslation.objects.create(
        letter=letter, language="ar", title="رسالة مفتوحة", summary="ملخص", body="الفقرة."
    )
    content = _page(client, letter, "ar")

    assert "<h1>رسالة مفتوحة</h1>" in content
    assert '<div class="letter-body">' in content
    assert 'lang="en"' not in content.split("<main")[1]


def test_untranslated_letter_says_so_and_links_to_the_languages_it_can_be_read_in(client, letter):
    LetterTranslation.objects.create(letter=letter, language="es", title="Carta", body="Texto.")
    with_note = _page(client, letter, "en", "signatories:letter")
    client.cookies["django_language"] = "fr"
    content = client.get(letter.get_absolute_url()).content.decode()

    assert NOT_TRANSLATED not in with_note  # English is the letter's own language
    assert "Cette lettre n’est pas disponible en" in content
    assert "?language=en&amp;next=/letters/" in content
    assert 'hreflang="es">español</a>' in content
    assert 'hreflang="fr"' not in content


def test_translated_letter_has_no_note(client, letter):
    LetterTranslation.objects.create(letter=letter, language="es", title="Carta", body="Texto.")

    assert "no está disponible" not in _page(client, letter, "es")


@pytest.mark.parametrize(
    "view", ["signatories:letter", "signatories:directory", "signatories:print"]
)
def test_letter_pages_are_described_by_the_letters_summary(client, letter, view):
    LetterTranslation.objects.create(letter=letter, language="fr", summary="Résumé en français")

    content = _page(client, letter, "fr", view)

    assert content.count('<meta name="description"') == 1
    assert '<meta name="description" content="Résumé en français">' in content


def test_other_pages_have_a_general_description_and_every_page_the_sites_icon(client, letter):
    content = _page(client, letter, "es", "signatories:sign")

    assert '<meta name="description" content="Una carta abierta: léala' in content
    for name in ("favicon.ico", "favicon.svg", "apple-touch-icon.png"):
        stem, extension = name.rsplit(".", 1)
        assert f'href="/static/{stem}.' in content and f'.{extension}"' in content
        assert finders.find(name)
