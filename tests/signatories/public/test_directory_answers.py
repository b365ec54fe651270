"""The letter's public questions in the directory: each named organization's answers shown
under its name, and a filter by a choice answer. Private answers, and the answers of those not
named, are never shown nor found; a made-up filter value is the page without the filter."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from letter.public_version import LOCAL_CACHE
from letter.questions import QuestionTranslation
from signatories.models import Answer, Signature
from tests.factories import QuestionFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def answer(signature, question, *values):
    for value in values:
        Answer.objects.create(
            signature=signature, question=question, label=question.label, value=value
        )


def directory(client, letter, **params):
    response = client.get(reverse("signatories:directory", args=[letter.slug]), params)
    assert response.status_code == 200
    return response


def shown(response):
    """[(name, answers)] of the page, from its context when rendered."""
    return [(entry.name, entry.answers) for entry in response.context["page"].object_list]


@pytest.fixture
def answered(letter):
    size = QuestionFactory(letter=letter, public=True)
    member = QuestionFactory(letter=letter, kind="yes_no", label="Member?", choices="", public=True)
    budget = QuestionFactory(letter=letter, kind="short_text", label="Budget", choices="")
    alpha = SignatureFactory(letter=letter, approved=True, organization="Alpha")
    beta = SignatureFactory(letter=letter, approved=True, organization="Beta")
    hidden = SignatureFactory(
        letter=letter, approved=True, organization="Hidden", listing=Signature.Listing.COUNTRY_ONLY
    )
    answer(alpha, size, "Small")
    answer(alpha, member, "yes")
    answer(alpha, budget, "secret 10k")
    answer(beta, size, "Large")
    answer(hidden, size, "Small")
    return {"size": size, "member": member, "budget": budget}


def test_named_organizations_show_their_public_answers_only(client, letter, answered):
    assert shown(directory(client, letter)) == [
        ("Alpha", (("Size of the organization", "Small"), ("Member?", "Yes"))),
        ("Beta", (("Size of the organization", "Large"),)),
    ]
    content = directory(client, letter).content.decode()
    assert "secret 10k" not in content and "Hidden" not in content


def test_the_directory_filters_by_a_public_choice(client, letter, answered):
    size = answered["size"]
    response = directory(client, letter, answer=f"{size.pk}:Small")
    # The unnamed organization that answered "Small" is neither listed nor counted.
    assert [name for name, _answers in shown(response)] == ["Alpha"]
    assert response.context["page"].paginator.count == 1
    member = answered["member"]
    assert [n for n, _a in shown(directory(client, letter, answer=f"{member.pk}:yes"))] == ["Alpha"]
    both = directory(client, letter, answer=f"{size.pk}:Large", query="Beta")
    assert [name for name, _answers in shown(both)] == ["Beta"]


def test_the_filter_offers_each_public_choice_in_the_readers_language(client, letter, answered):
    QuestionTranslation.objects.create(
        question=answered["size"], language="fr", label="Taille", choices="Petite\nMoyenne\nGrande"
    )
    content = directory(client, letter, lang="fr").content.decode()
    assert '<optgroup label="Taille">' in content
    assert f'<option value="{answered["size"].pk}:Small">Petite</option>' in content
    assert "Budget" not in content


@pytest.mark.parametrize(
    "made_up", ["999999:Small", "{size}:Tiny", "{budget}:secret 10k", "{size}", "x" * 500]
)
def test_a_made_up_answer_is_the_page_without_the_filter(client, letter, answered, made_up):
    value = made_up.format(size=answered["size"].pk, budget=answered["budget"].pk)
    plain = directory(client, letter).content
    caches[LOCAL_CACHE].clear()
    response = directory(client, letter, answer=value)
    # Answered as the directory's own address, from the same cached page.
    assert response.content == plain
    assert not hasattr(response, "context") or response.context is None


def test_the_directory_reads_a_fixed_number_of_queries_however_many_questions(
    client, letter, django_capture_on_commit_callbacks
):
    signatures = [
        SignatureFactory(letter=letter, approved=True, organization=f"Org {n}") for n in range(3)
    ]

    def ask(label):
        with django_capture_on_commit_callbacks(execute=True):  # publishes the new version
            question = QuestionFactory(letter=letter, public=True, label=label)
        for signature in signatures:
            answer(signature, question, "Medium")

    def queries(search):  # a search not made before: rendered, not from the page cache
        with CaptureQueriesContext(connection) as captured:
            response = directory(client, letter, query=search)
        return len(captured), response

    ask("Question 0")
    directory(client, letter)  # the first render fills the memos a process keeps
    one, response = queries("Org")
    assert len(response.context["page"].object_list[0].answers) == 1
    for n in range(1, 5):
        ask(f"Question {n}")
    directory(client, letter)
    five, response = queries("Or")
    assert len(response.context["page"].object_list[0].answers) == 5
    assert five == one
