import pytest
from django.urls import reverse

from letter.models import LetterTranslation, TranslatedLetter
from signatories.models import Notification
from signatories.tasks import deliver_notification
from tests.factories import SignatureFactory, sign_form_data

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


def test_translated_text_takes_each_empty_field_from_the_original(translated_letter):
    assert translated_letter.translated("fr") == TranslatedLetter(
        language="fr",
        title="Lettre ouverte en français",
        summary=translated_letter.summary,
        body="Premier.\n\nSecond.",
    )
    assert translated_letter.translated("es").title == translated_letter.title


def test_emails_carry_the_letters_title_in_the_signers_language(translated_letter, mailoutbox):
    signature = SignatureFactory(letter=translated_letter, language="fr")
    notification = Notification.objects.create(signature=signature, kind="confirm")
    deliver_notification(notification.pk)
    assert "Lettre ouverte en français" in mailoutbox[0].subject
    assert ">Lettre ouverte en français</a>" in mailoutbox[0].alternatives[0][0]


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
