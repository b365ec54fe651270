"""The letter's public questions in the directory: each named organization's answers shown
under its name, and a filter by a choice answer. Private answers, and the answers of those not
named, are never shown nor found; a made-up filter value is the page without the filter."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from letter.page_query import canonical_query
from letter.public_version import LOCAL_CACHE
from letter.questions import QuestionTranslation
from signatories.forms import directory_query_cleaners
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


def names(response):
    return [name for name, _answers in shown(response)]


def test_a_filter_by_several_choices_lists_each_organization_once(client, letter):
    themes = QuestionFactory(
        letter=letter, kind="choices", label="Themes", choices="Water\nLand\nPress", public=True
    )
    alpha = SignatureFactory(letter=letter, approved=True, organization="Alpha")
    beta = SignatureFactory(letter=letter, approved=True, organization="Beta")
    # "Land" stored twice, as a crafted form could once store it.
    answer(alpha, themes, "Water", "Land", "Land")
    answer(beta, themes, "Press")
    response = directory(client, letter, answer=f"{themes.pk}:Land")
    assert shown(response) == [("Alpha", (("Themes", "Water, Land"),))]
    assert response.context["page"].paginator.count == 1
    assert "1 named organization matches this search" in response.content.decode()
    assert names(directory(client, letter, answer=f"{themes.pk}:Press")) == ["Beta"]


def test_the_answer_filter_combines_with_the_others_and_pagination_keeps_it(
    client, letter, settings
):
    settings.DIRECTORY_PAGE_SIZE = 1
    size = QuestionFactory(letter=letter, public=True)
    for name, country, scope, value in [
        ("Alpha", "KE", "local", "Small"),
        ("Beta", "KE", "local", "Small"),
        ("Gamma", "KE", "national", "Small"),
        ("Delta", "FR", "local", "Small"),
        ("Epsilon", "KE", "local", "Large"),
    ]:
        signature = SignatureFactory(
            letter=letter, approved=True, organization=name, country=country, scope=scope
        )
        answer(signature, size, value)
    filters = {"answer": f"{size.pk}:Small", "region": "Africa", "scope": "local"}
    first = directory(client, letter, **filters)
    assert names(first) == ["Alpha"]
    assert first.context["page"].paginator.count == 2
    assert "2 named organizations match this search" in first.content.decode()
    next_page = f"?answer={size.pk}%3ASmall&amp;region=Africa&amp;scope=local&amp;page=2"
    assert next_page in first.content.decode()
    assert names(directory(client, letter, **filters, page="2")) == ["Beta"]
    assert names(directory(client, letter, answer=f"{size.pk}:Small", country="FR")) == ["Delta"]
    assert names(directory(client, letter, answer=f"{size.pk}:Large", query="eps")) == ["Epsilon"]


def test_another_letters_answer_is_ignored_and_the_other_filters_kept(client, letter):
    size = QuestionFactory(letter=letter, public=True)
    elsewhere = QuestionFactory(public=True)  # of another letter
    for name, country in [("Alpha", "FR"), ("Beta", "DE")]:
        answer(
            SignatureFactory(letter=letter, approved=True, organization=name, country=country),
            size,
            "Small",
        )
    response = directory(client, letter, answer=f"{elsewhere.pk}:Small", country="FR")
    assert names(response) == ["Alpha"]
    assert not response.context["form"].errors


def test_made_up_answers_have_the_canonical_query_of_no_answer(letter):
    size = QuestionFactory(letter=letter, public=True)
    private = QuestionFactory(letter=letter, public=False)
    cleaners = directory_query_cleaners()
    none = canonical_query(QueryDict("country=FR"), cleaners)
    for made_up in [
        f"{size.pk}:Tiny",
        f"{size.pk}:small",
        f"{size.pk}: Small",
        f"{size.pk}",
        f"{private.pk}:Small",
        "999999:Small",
        "0:yes",
        ":",
        "Small",
        "x" * 500,
    ]:
        query = QueryDict(mutable=True)
        query.update({"country": "FR", "answer": made_up})
        assert canonical_query(query, cleaners) == none, made_up
    query = QueryDict(mutable=True)
    query.update({"country": "FR", "answer": f"{size.pk}:Small"})
    assert canonical_query(query, cleaners).urlencode() == f"answer={size.pk}%3ASmall&country=FR"


def test_made_up_answers_are_served_from_the_one_cached_page(
    client, letter, answered, django_assert_num_queries
):
    url = reverse("signatories:directory", args=[letter.slug])
    plain = client.get(url, {"country": "FR"})
    client.get(url, {"answer": "0:primes the memo of public choices"})
    with django_assert_num_queries(0):
        for n in range(20):
            forced = client.get(url, {"country": "FR", "answer": f"{answered['size'].pk}:x{n}"})
            assert forced.content == plain.content


def test_answers_cost_one_query_for_the_page_whatever_the_signatures(
    client, letter, django_capture_on_commit_callbacks
):
    """With public questions, a rendered page reads one query more than without (the page's
    answers), and no more with more signatures on the page."""

    def queries(search):  # a search not made before: rendered, not from the page cache
        with CaptureQueriesContext(connection) as captured:
            directory(client, letter, query=search)
        return len(captured)

    SignatureFactory(letter=letter, approved=True, organization="Org 0")
    directory(client, letter)
    without = queries("Org")
    with django_capture_on_commit_callbacks(execute=True):  # publishes the new version
        question = QuestionFactory(letter=letter, public=True)
    signatures = [
        SignatureFactory(letter=letter, approved=True, organization=f"Org {n}")
        for n in range(1, 30)
    ]
    for signature in signatures:
        answer(signature, question, "Small")
    directory(client, letter)
    assert queries("Or") == without + 1
