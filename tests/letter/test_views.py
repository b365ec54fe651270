import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from letter.models import Letter, LetterTranslation
from tests.factories import LetterFactory

pytestmark = pytest.mark.django_db


def test_home_redirects_to_newest_open_letter(client):
    newest = LetterFactory(signing_opens_at=timezone.now() - datetime.timedelta(hours=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == newest.get_absolute_url()


def test_home_without_letters_says_so(client):
    Letter.objects.all().delete()
    response = client.get("/")
    assert response.status_code == 404
    assert b"No letter is published yet" in response.content


@pytest.fixture
def translated_letter(letter):
    LetterTranslation.objects.create(
        letter=letter, language="fr", title="Lettre ouverte en français", body="Premier.\n\nSecond."
    )
    return letter


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


def test_switcher_refuses_foreign_redirects_and_unknown_languages(client):
    response = client.get(
        reverse("letter:choose_language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response.url == "/"
    assert "django_language" not in response.cookies
