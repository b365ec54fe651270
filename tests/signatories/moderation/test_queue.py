"""The review queue at the scale of a coalition: a country filter of the countries present,
the letter column and filter only when several letters await review, the hints as badges,
and a fixed number of queries."""

import pytest

from signatories.admin.filters import CountryFilter
from signatories.models import Signature
from tests.factories import CHANGELIST, LetterFactory, SignatureFactory, bulk_signatures

pytestmark = pytest.mark.django_db


def country_choices(client, **params):
    response = client.get(CHANGELIST, params)
    changelist = response.context["cl"]
    (spec,) = [s for s in changelist.filter_specs if isinstance(s, CountryFilter)]
    return [choice["display"] for choice in spec.choices(changelist)]


def test_country_filter_lists_only_the_countries_in_the_queue_with_counts(moderator_client, letter):
    SignatureFactory.create_batch(2, letter=letter, confirmed=True, country="KE")
    SignatureFactory(letter=letter, confirmed=True, country="FR")
    SignatureFactory(letter=letter, approved=True, country="JP")  # not awaiting review
    assert country_choices(moderator_client) == ["All", "France (1)", "Kenya (2)"]
    assert country_choices(moderator_client, status="all") == [
        "All",
        "France (1)",
        "Japan (1)",
        "Kenya (2)",
    ]


def test_country_filter_counts_what_the_other_filters_and_search_select(moderator_client, letter):
    SignatureFactory(letter=letter, confirmed=True, country="KE", scope="local")
    SignatureFactory(letter=letter, confirmed=True, country="KE", scope="national")
    SignatureFactory(letter=letter, confirmed=True, country="FR", scope="national")
    SignatureFactory(letter=letter, confirmed=True, country="MX", organization="Red Mexicana")
    assert country_choices(moderator_client, scope="local") == ["All", "Kenya (1)"]
    assert country_choices(moderator_client, q="Mexicana") == ["All", "Mexico (1)"]
    # Choosing a country keeps the others in the list, to switch to.
    assert country_choices(moderator_client, country="FR") == [
        "All",
        "France (1)",
        "Kenya (2)",
        "Mexico (1)",
    ]


def test_country_filter_selects_that_countrys_signatures(moderator_client, letter):
    french = SignatureFactory(letter=letter, confirmed=True, country="FR")
    SignatureFactory(letter=letter, confirmed=True, country="KE")
    response = moderator_client.get(CHANGELIST, {"country": "FR"})
    assert list(response.context["cl"].result_list) == [french]


def has_letter_column_and_filter(client, **params):
    changelist = client.get(CHANGELIST, params).context["cl"]
    column = "letter" in changelist.list_display
    letter_filter = any(spec.title == "letter" for spec in changelist.filter_specs)
    assert column == letter_filter
    return column


def test_letter_column_and_filter_only_when_several_letters_await_review(moderator_client, letter):
    SignatureFactory(letter=letter, confirmed=True)
    other = LetterFactory()
    SignatureFactory(letter=other, approved=True)  # decided: nothing to tell apart
    assert not has_letter_column_and_filter(moderator_client)
    SignatureFactory(letter=other, confirmed=True)
    assert has_letter_column_and_filter(moderator_client)
    content = moderator_client.get(CHANGELIST).content.decode()
    assert other.title in content


def test_status_column_only_beyond_the_queue(moderator_client, letter):
    SignatureFactory(letter=letter, confirmed=True)
    assert "status" not in moderator_client.get(CHANGELIST).context["cl"].list_display
    response = moderator_client.get(CHANGELIST, {"status": "all"})
    assert "status" in response.context["cl"].list_display


def test_each_row_links_to_its_review_page_with_labelled_hint_badges(moderator_client, letter):
    SignatureFactory(letter=letter, approved=True, organization="Amnesty Kenya")
    suspect = SignatureFactory(
        letter=letter,
        confirmed=True,
        organization="The Amnesty Kenya",
        email="amnesty@gmail.com",
        website="https://www.amnesty-kenya.example/about",
    )
    content = moderator_client.get(CHANGELIST).content.decode()
    assert f'href="/admin/signatories/signature/{suspect.pk}/review/"' in content
    assert ">webmail</span>" in content
    assert "possible duplicate: same name" in content
    site = "https://www.amnesty-kenya.example/about"
    assert (
        f'href="{site}" title="{site}" target="_blank" rel="noopener noreferrer">'
        "amnesty-kenya.example</a>"
    ) in content


@pytest.mark.parametrize("rows", [10, 1000])
def test_queue_of_several_letters_makes_a_fixed_number_of_queries(
    moderator_client, django_assert_num_queries, rows
):
    for letter in LetterFactory.create_batch(2):
        bulk_signatures(letter, rows // 2, status=Signature.Status.CONFIRMED)
    moderator_client.get(CHANGELIST)  # warm the session and permissions caches
    # As with one letter (see test_workbench), and the letter filter's choices, read twice:
    # for the list, and for the other filters the country filter counts under; the partners,
    # for their filter and column; and the questions with choices the answer filter offers.
    with django_assert_num_queries(14):
        response = moderator_client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == min(rows, 100)
