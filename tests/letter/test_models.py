import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from letter.models import Letter, LetterTranslation, TranslatedLetter
from tests.factories import LetterFactory

pytestmark = pytest.mark.django_db


NOW = timezone.now()


DAY = datetime.timedelta(days=1)


def test_signing_state_follows_opening_and_closing_times():
    letter = LetterFactory.build(signing_opens_at=NOW, signing_closes_at=NOW + DAY)
    assert letter.signing_state(NOW - DAY) == "not_yet_open"
    assert letter.signing_state(NOW) == "open"
    assert letter.signing_state(NOW + DAY) == "closed"


def test_letter_without_closing_time_stays_open():
    assert LetterFactory.build(signing_opens_at=NOW - DAY).signing_state(NOW + 1000 * DAY) == "open"


def test_open_for_signing_excludes_closed_and_future_letters():
    open_letter = LetterFactory()
    LetterFactory(signing_opens_at=NOW - 2 * DAY, signing_closes_at=NOW - DAY)
    LetterFactory(signing_opens_at=NOW + DAY)
    assert open_letter in Letter.objects.open_for_signing()
    assert Letter.objects.open_for_signing().filter(slug__startswith="letter-").count() == 1


def test_database_refuses_a_letter_that_closes_before_it_opens():
    with pytest.raises(IntegrityError):
        LetterFactory(signing_opens_at=NOW, signing_closes_at=NOW - DAY)


def test_paragraphs_split_on_blank_lines():
    text = TranslatedLetter(language="en", title="T", summary="", body="A.\n\nB.\n\n\n")
    assert text.paragraphs == ["A.", "B."]


@pytest.fixture
def translated_letter(letter):
    LetterTranslation.objects.create(
        letter=letter, language="fr", title="Lettre ouverte en français", body="Premier.\n\nSecond."
    )
    return letter


def test_translated_text_takes_each_empty_field_from_the_original(translated_letter):
    assert translated_letter.translated("fr") == TranslatedLetter(
        language="fr",
        title="Lettre ouverte en français",
        summary=translated_letter.summary,
        body="Premier.\n\nSecond.",
    )
    assert translated_letter.translated("es").title == translated_letter.title
