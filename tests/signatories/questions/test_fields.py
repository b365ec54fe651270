"""The letter's own questions on the sign-on form: shown, checked with the same error summary
and messages as the standard fields, and their answers stored with the signature."""

import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from letter.models import QuestionTranslation
from signatories.models import Answer, Signature
from tests.factories import QuestionFactory, SignatureFactory, sign_form_data

pytestmark = pytest.mark.django_db


def sign_url(letter):
    return reverse("signatories:sign", args=[letter.slug])


@pytest.fixture
def questions(letter):
    return {
        "size": QuestionFactory(letter=letter, required=True, public=True),
        "themes": QuestionFactory(
            letter=letter, kind="choices", label="Themes", choices="Water\nLand\nPress"
        ),
        "member": QuestionFactory(letter=letter, kind="yes_no", label="Member?", choices=""),
        "staff": QuestionFactory(letter=letter, kind="number", label="Staff", choices=""),
        "why": QuestionFactory(letter=letter, kind="long_text", label="Why sign?", choices=""),
        "unit": QuestionFactory(letter=letter, kind="short_text", label="Unit", choices=""),
    }


def test_the_form_asks_each_question_of_the_letter(client, letter, questions):
    content = client.get(sign_url(letter)).content.decode()
    for question in questions.values():
        assert question.label in content
    assert (
        f'type="checkbox" class="form-check-input"  name="question_{questions["themes"].pk}"'
        in content
    )
    assert content.index("Size of the organization") < content.index("I agree that")


def test_a_required_question_unanswered_is_in_the_error_summary(client, letter, questions):
    response = client.post(sign_url(letter), sign_form_data())
    content = response.content.decode()
    assert response.status_code == 200
    message = "Choose an answer to “Size of the organization”."
    assert content.count(message) == 2  # in the summary, and beside the field
    assert f'href="#id_question_{questions["size"].pk}_0"' in content
    assert not Signature.objects.exists()


def test_the_answers_are_stored_with_the_signature(client, letter, questions):
    data = sign_form_data(
        **{
            f"question_{questions['size'].pk}": "Medium",
            f"question_{questions['themes'].pk}": ["Water", "Press"],
            f"question_{questions['member'].pk}": "yes",
            f"question_{questions['staff'].pk}": "12.50",
            f"question_{questions['why'].pk}": "Because.",
        }
    )
    response = client.post(sign_url(letter), data)
    assert response.status_code == 302
    signature = Signature.objects.get()
    stored = list(
        signature.answers.order_by("question__position", "pk").values_list("label", "value")
    )
    assert stored == [
        ("Size of the organization", "Medium"),
        ("Themes", "Water"),
        ("Themes", "Press"),
        ("Member?", "yes"),
        ("Staff", "12.5"),
        ("Why sign?", "Because."),
    ]


def test_a_choice_not_offered_is_refused(client, letter, questions):
    data = sign_form_data(**{f"question_{questions['size'].pk}": "Huge"})
    response = client.post(sign_url(letter), data)
    assert response.status_code == 200
    assert not Answer.objects.exists()


def test_a_long_answer_in_arabic_is_stored(client, letter, questions):
    # 2,400 letters that compress badly (4,800 bytes, the most a sign-on of a form this size
    # may send in Arabic): past PostgreSQL's limit for an index entry, which
    # failed the sign-on while every answer was indexed.
    rng = random.Random(3)
    text = "".join(rng.choice("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ") for _ in range(2400))
    data = sign_form_data(
        **{f"question_{questions['size'].pk}": "Small", f"question_{questions['why'].pk}": text}
    )
    assert client.post(sign_url(letter), data).status_code == 302
    assert Answer.objects.get(question=questions["why"]).value == text.strip()


def test_a_choice_sent_twice_is_stored_once(client, letter, questions):
    # A crafted form; stored twice, the organization would be listed twice under that choice.
    data = sign_form_data(
        **{
            f"question_{questions['size'].pk}": "Small",
            f"question_{questions['themes'].pk}": ["Land", "Water", "Land"],
        }
    )
    assert client.post(sign_url(letter), data).status_code == 302
    themes = Answer.objects.filter(question=questions["themes"]).order_by("pk")
    assert list(themes.values_list("value", flat=True)) == ["Land", "Water"]


def test_the_form_in_arabic_shows_the_translated_question(client, letter, questions):
    QuestionTranslation.objects.create(
        question=questions["size"], language="ar", label="حجم المنظمة", choices="صغيرة\nمتوسطة"
    )
    content = client.get(sign_url(letter), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "حجم المنظمة" in content
    assert "متوسطة" in content
    assert "Large" in content  # a choice left untranslated shows in the original
    data = sign_form_data(**{f"question_{questions['size'].pk}": "Medium"})
    client.post(sign_url(letter), data, HTTP_ACCEPT_LANGUAGE="ar")
    assert Answer.objects.get().value == "Medium"  # stored in the letter's language


def test_role_and_statement_of_authority_switched_on(client, letter):
    letter.asks_role = letter.asks_authority = True
    letter.save()
    response = client.post(sign_url(letter), sign_form_data())
    assert "Tick the box to confirm that you may sign for the organization." in (
        response.content.decode()
    )
    data = sign_form_data(contact_role="Director", authority="on")
    client.post(sign_url(letter), data, HTTP_ACCEPT_LANGUAGE="fr")
    signature = Signature.objects.get()
    assert signature.contact_role == "Director"
    assert signature.authority_statement  # the wording the signer read, stored


def test_a_letter_without_questions_asks_neither_role_nor_authority(client, letter):
    content = client.get(sign_url(letter)).content.decode()
    assert "Your role in the organization" not in content
    assert "authorised" not in content


@pytest.mark.services  # the one-statement sign-on is PostgreSQL's; SQLite keeps the ORM's
def test_sign_on_post_timing_with_questions_does_not_reveal_whether_an_address_has_signed(
    client, letter, questions
):
    """Issue 21, item 2, on a letter with questions: an address that has signed (its
    signature kept as it was, its answers too) costs the same statements as a new one."""
    answers = {
        f"question_{questions['size'].pk}": "Medium",
        f"question_{questions['themes'].pk}": ["Water", "Press"],
    }

    def statements(email):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(sign_url(letter), sign_form_data(email=email, **answers))
        assert response.status_code == 302
        return [re.sub(r"\d+|'[^']*'", "?", query["sql"]) for query in queries]

    SignatureFactory(letter=letter, email="approved@ngo-example.org", approved=True)
    kept_answer = Answer.objects.create(
        signature=Signature.objects.get(), question=questions["size"], label="Size", value="Big"
    )
    statements("warm-up@ngo-example.org")  # the process's memos (letter, block lists) fill
    new = statements("first@ngo-example.org")
    signed = statements("approved@ngo-example.org")
    assert len(signed) == len(new)
    assert [s.split()[0] for s in signed] == [s.split()[0] for s in new]
    kept_answer.refresh_from_db()  # the signed address's answers are as they were
    assert Signature.objects.get(email="first@ngo-example.org").answers.count() == 3
