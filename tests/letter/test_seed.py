import datetime

import pytest

from letter.models import Letter
from letter.seed import SEED_FILE, load_seed, parse_paragraphs, strip_markup


def test_seed_file_is_the_published_text():
    assert SEED_FILE.read_text(encoding="utf-8").startswith("**750+** organizations")


def test_strip_markup_removes_emphasis_marks():
    assert strip_markup("**750+** organizations") == "750+ organizations"


def test_parse_paragraphs_joins_a_paragraph_broken_mid_sentence():
    text = "One sentence.\n\nWe urge you to\n\nact now.\n\nLast one."
    assert parse_paragraphs(text) == ["One sentence.", "We urge you to act now.", "Last one."]


def test_load_seed_gives_summary_and_joined_body():
    seed = load_seed()
    # Without the published "750+": the page states the live count and no other number.
    assert seed["summary"] == (
        "Organizations highlight the vital role of the UN High Commissioner "
        "in calling out violators"
    )
    paragraphs = seed["body"].split("\n\n")
    assert len(paragraphs) == 10
    assert (
        "to publicly call out violators, and to undertake or push for investigations"
        in (seed["body"])
    )
    assert "**" not in seed["body"]


@pytest.mark.django_db
def test_seed_letter_is_present_after_migrate():
    letter = Letter.objects.get(slug="joint-ngo-letter-2018")
    assert letter.title == (
        "Joint NGO letter to the new UN High Commissioner for Human Rights Michelle Bachelet"
    )
    assert letter.date == datetime.date(2018, 9, 5)
    assert letter.recipient == "UN High Commissioner for Human Rights"
    assert letter.is_open
    assert letter.summary == load_seed()["summary"]
