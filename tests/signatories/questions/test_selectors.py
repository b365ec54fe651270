"""What reads the answers: the exports (every answer for the coalition, public ones in the open
data), the report's breakdown of each choice question, and query counts that do not grow with
the number of questions."""

import csv
import io
import json

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from letter.public_version import LOCAL_CACHE, mark_published
from signatories.models import Answer, Signature
from signatories.public import export
from signatories.questions.selectors import choice_breakdowns
from tests.factories import QuestionFactory, SignatureFactory, sign_form_data

pytestmark = pytest.mark.django_db


def answer(signature, question, *values):
    for value in values:
        Answer.objects.create(
            signature=signature, question=question, label=question.label, value=value
        )


@pytest.fixture
def answered(letter):
    size = QuestionFactory(letter=letter, public=True)
    budget = QuestionFactory(letter=letter, kind="short_text", label="Budget", choices="")
    themes = QuestionFactory(letter=letter, kind="choices", label="Themes", choices="Water\nLand")
    first = SignatureFactory(letter=letter, approved=True, organization="Alpha")
    second = SignatureFactory(letter=letter, approved=True, organization="Beta")
    answer(first, size, "Small")
    answer(first, budget, "secret 10k")
    answer(first, themes, "Water", "Land")
    answer(second, size, "Large")
    return {"size": size, "budget": budget, "themes": themes}


def test_the_coalition_export_holds_every_answer(letter, answered):
    rows = list(export.export_rows(Signature.objects.all(), answers=export.ALL_ANSWERS))
    assert rows[0]["Size of the organization"] == "Small"
    assert rows[0]["Budget"] == "secret 10k"
    assert rows[0]["Themes"] == "Water; Land"
    assert rows[1]["Budget"] == ""
    stream = io.StringIO()
    export.write_csv(iter(rows), stream)
    header = next(csv.reader(io.StringIO(stream.getvalue().lstrip("\ufeff"))))
    assert header[-3:] == ["Size of the organization", "Budget", "Themes"]


def test_admin_export_action_includes_the_answers(admin_client, letter, answered):
    data = {
        "action": "export_json",
        "_selected_action": list(Signature.objects.values_list("pk", flat=True)),
    }
    response = admin_client.post(
        reverse("admin:signatories_signature_changelist") + "?status=all", data
    )
    rows = json.loads(response.content)["signatories"]
    assert rows[0]["Budget"] == "secret 10k"


def test_open_data_holds_public_answers_only(
    client, letter, answered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mark_published(letter.pk)
    rows = client.get(reverse("signatories:data_json", args=[letter.slug])).json()["signatories"]
    assert [row["Size of the organization"] for row in rows] == ["Small", "Large"]
    assert all("Budget" not in row and "Themes" not in row for row in rows)
    text = client.get(reverse("signatories:data_csv", args=[letter.slug])).content.decode()
    assert "Size of the organization" in text
    assert "secret 10k" not in text


def test_the_report_breaks_down_every_choice_question(admin_client, letter, answered):
    breakdown = dict(choice_breakdowns([letter.pk])[letter.pk])
    assert breakdown[answered["size"]] == [("Small", 1), ("Medium", 0), ("Large", 1)]
    assert breakdown[answered["themes"]] == [("Water", 1), ("Land", 1)]
    assert answered["budget"] not in breakdown
    content = admin_client.get(reverse("admin:signatories_signature_report")).content.decode()
    assert "Approved signatures by answer: Themes" in content


def test_a_changed_question_keeps_its_old_answers(client, letter, answered):
    size = answered["size"]
    size.label, size.choices = "Staff numbers", "Under 10\n10 or more"
    size.save()
    old = Answer.objects.filter(question=size).order_by("pk")
    assert [(a.label, a.value) for a in old] == [
        ("Size of the organization", "Small"),
        ("Size of the organization", "Large"),
    ]
    breakdown = dict(choice_breakdowns([letter.pk])[letter.pk])
    assert breakdown[size] == [("Under 10", 0), ("10 or more", 0), ("Large", 1), ("Small", 1)]
    rows = list(export.export_rows(Signature.objects.all(), answers=export.ALL_ANSWERS))
    assert rows[0]["Staff numbers"] == "Small"
    # A question with answers stops being asked rather than taking its answers away.
    size.asked = False
    size.save()
    assert (
        "Staff numbers"
        not in client.get(reverse("signatories:sign", args=[letter.slug])).content.decode()
    )
    assert Answer.objects.filter(question=size).count() == 2


def _queries(client, url, **kwargs):
    caches[LOCAL_CACHE].clear()  # this process's memory only: the letter is read afresh
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **kwargs).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["signatories:sign", "signatories:letter"])
def test_queries_do_not_grow_with_questions(
    client, letter, name, django_capture_on_commit_callbacks
):
    """The form and the letter page read as many queries with one question as with twelve,
    each read afresh after the change (a new public version)."""
    url = reverse(name, args=[letter.slug])
    _queries(client, url, HTTP_ACCEPT_LANGUAGE="fr")  # what is read once per process
    with django_capture_on_commit_callbacks(execute=True):
        QuestionFactory(letter=letter)
    one = _queries(client, url, HTTP_ACCEPT_LANGUAGE="fr")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(11):
            QuestionFactory(letter=letter, label=f"Question {n}")
    twelve = _queries(client, url, HTTP_ACCEPT_LANGUAGE="fr")
    assert twelve == one > 0
    if name == "signatories:sign":
        assert "Question 10" in client.get(url).content.decode()


def test_a_sign_on_post_with_questions_makes_a_fixed_number_of_statements(client, letter):
    url = reverse("signatories:sign", args=[letter.slug])
    questions = [QuestionFactory(letter=letter, kind="choices", label=f"Q{n}") for n in range(5)]
    client.get(url)

    def post(email, count):
        data = sign_form_data(
            email=email, **{f"question_{q.pk}": ["Small"] for q in questions[:count]}
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.post(url, data).status_code == 302
        return len(queries)

    post("first@centre.example.org", 0)  # the first POST reads the letter
    assert post("one@centre.example.org", 1) == post("five@centre.example.org", 5)
    assert Answer.objects.count() == 6
