import pytest
from django.urls import reverse

from letter.models import LetterTranslation
from tests.factories import sign_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_letter(letter):
    LetterTranslation.objects.create(
        letter=letter, language="fr", title="Lettre ouverte en français", body="Premier.\n\nSecond."
    )
    return letter


def test_letter_is_shown_in_the_visitors_language(client, translated_letter):
    content = client.get(translated_letter.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content
    assert "Lettre ouverte en français" in content.decode()
    assert "<p>Premier.</p>" in content.decode()


def test_missing_translated_fields_fall_back_to_the_original(client, translated_letter):
    content = client.get(translated_letter.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    assert translated_letter.summary in content.content.decode()


def test_language_without_a_translation_shows_the_original(client, translated_letter):
    content = client.get(translated_letter.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content
    assert translated_letter.title in content.decode()


def test_switcher_keeps_the_choice_in_a_cookie(client, translated_letter):
    response = client.get(
        reverse("letter:choose_language"),
        {"language": "fr", "next": translated_letter.get_absolute_url()},
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "fr"
    content = client.get(translated_letter.get_absolute_url()).content.decode()
    assert 'lang="fr"' in content
    assert "Lettre ouverte en français" in content


def test_arabic_is_laid_out_right_to_left(client, letter):
    content = client.get(letter.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    assert "bootstrap.rtl" in content


def test_a_translated_copy_cannot_overwrite_the_original(translated_letter):
    copy = translated_letter.translated("fr")
    with pytest.raises(RuntimeError):
        copy.save()
    translated_letter.refresh_from_db()
    assert translated_letter.title != "Lettre ouverte en français"


def test_signers_language_is_kept_for_their_emails(client, letter):
    client.post(
        reverse("signatories:sign", args=[letter.slug]),
        sign_form_data(),
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert letter.signatures.get().language == "fr"


def test_switcher_refuses_foreign_redirects_and_unknown_languages(client):
    response = client.get(
        reverse("letter:choose_language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response.url == "/"
    assert "django_language" not in response.cookies
