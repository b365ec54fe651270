"""The directory with the letter's public questions, as a visitor sees it in Chromium on a phone
(390×844) and a laptop (1280×800), in English and Arabic, with and without a filter by an
answer: each named organization's public answers under its name, in the visitor's language
and direction, the answer filter in the form, no sideways scroll and no axe violation.

With SHOTS_DIR set, each view is also saved there as a PNG, to be looked at."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from letter.questions import QuestionTranslation
from signatories.models import Answer, Signature
from tests.factories import LetterFactory, QuestionFactory, SignatureFactory

from .conftest import UNBREAKABLE_NAME
from .test_accessibility import _violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}
RESULTS = "main table[aria-labelledby=results-heading]"
WORK = "Where does the organization work, and with whom?"


def answer(signature, question, *values):
    for value in values:
        Answer.objects.create(
            signature=signature, question=question, label=question.label, value=value
        )


@pytest.fixture
def answered_letter():
    letter = LetterFactory(title="Protect the people who defend human rights")
    work = QuestionFactory(
        letter=letter,
        kind="choices",
        label=WORK,
        choices="With communities in rural areas\nIn cities\nOnline",
        public=True,
    )
    QuestionTranslation.objects.create(
        question=work,
        language="ar",
        label="أين تعمل المنظمة ومع من؟",
        choices="مع المجتمعات في المناطق الريفية\nفي المدن\nعبر الإنترنت",
    )
    member = QuestionFactory(
        letter=letter, kind="yes_no", label="Member of the network?", choices="", public=True
    )
    budget = QuestionFactory(letter=letter, kind="short_text", label="Budget", choices="")
    rows = [
        ("Kituo cha Sheria", "KE", ["With communities in rural areas", "In cities"], "yes"),
        ("Ligue des droits", "FR", ["In cities"], "no"),
        ("Derechos Ya", "AR", ["Online"], "yes"),
        (UNBREAKABLE_NAME, "DE", ["With communities in rural areas", "In cities", "Online"], "no"),
    ]
    for name, country, places, is_member in rows:
        signature = SignatureFactory(
            letter=letter, approved=True, organization=name, country=country
        )
        answer(signature, work, *places)
        answer(signature, member, is_member)
        answer(signature, budget, "a private figure")
    hidden = SignatureFactory(
        letter=letter, approved=True, country="BR", listing=Signature.Listing.COUNTRY_ONLY
    )
    answer(hidden, work, "Online")
    return letter, work


def _views(site, letter, work):
    directory = site.url + reverse("signatories:directory", args=[letter.slug])
    yield "directory", directory
    yield "filtered", f"{directory}?answer={work.pk}:In%20cities"


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_directory_shows_public_answers_in_the_visitors_language(
    browser, site, answered_letter, screen, language
):
    from axe_playwright_python.sync_playwright import Axe

    letter, work = answered_letter
    # Axe is injected as a script: let it run whatever Content-Security-Policy comes.
    context = browser.new_context(
        viewport=SCREENS[screen],
        bypass_csp=True,
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    shots = os.environ.get("SHOTS_DIR")
    for view, url in _views(site, letter, work):
        page.goto(url)
        if shots:
            path = Path(shots) / f"directory-{view}-{screen}-{language}.png"
            page.screenshot(path=path, full_page=True)
        width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert width <= inner, f"{view}: {width} px wide in a {inner} px window"
        assert not _violations(Axe(), page, f"{view} {screen} {language}")
        text = page.locator(RESULTS).inner_text()
        assert "a private figure" not in text and "Budget" not in text
        lines = page.locator(f"{RESULTS} .signatory-answer")
        assert lines.count() > 0
        first = lines.first
        assert first.evaluate("e => getComputedStyle(e).direction") == (
            "rtl" if language == "ar" else "ltr"
        )
    # The filtered view: those who work in cities, named; the answer shown in the language.
    listed = page.locator(RESULTS).inner_text()
    assert "Kituo cha Sheria" in listed and "Derechos Ya" not in listed
    both = (
        "مع المجتمعات في المناطق الريفية، في المدن"
        if language == "ar"
        else ("With communities in rural areas, In cities")
    )
    assert both in listed
    assert page.locator("#id_answer").input_value() == f"{work.pk}:In cities"
    context.close()
