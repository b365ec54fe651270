import pytest
from django.urls import reverse

from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


def directory(client, letter, **params):
    response = client.get(reverse("signatories:directory", args=[letter.slug]), params)
    assert response.status_code == 200
    return response


def names(response):
    return [entry.name for entry in response.context["page"].object_list]


@pytest.fixture
def signed(letter):
    SignatureFactory(letter=letter, approved=True, organization="Kituo cha Sheria", country="KE")
    SignatureFactory(
        letter=letter, approved=True, organization="Ligue des droits", country="FR", scope="local"
    )
    SignatureFactory(letter=letter, approved=True, organization="Derechos Ya", country="AR")
    SignatureFactory(letter=letter, confirmed=True, organization="Awaiting Review Org")
    return letter


def test_directory_lists_approved_signatories_alphabetically(client, signed):
    assert names(directory(client, signed)) == [
        "Derechos Ya",
        "Kituo cha Sheria",
        "Ligue des droits",
    ]


def test_search_by_name_ignores_case_and_accents(client, signed):
    assert names(directory(client, signed, query="LIGUE DES DRÔITS")) == ["Ligue des droits"]
    assert names(directory(client, signed, query="sheria")) == ["Kituo cha Sheria"]


def test_filters_by_country_region_and_scope(client, signed):
    assert names(directory(client, signed, country="FR")) == ["Ligue des droits"]
    assert names(directory(client, signed, region="Americas")) == ["Derechos Ya"]
    assert names(directory(client, signed, scope="local")) == ["Ligue des droits"]
    assert names(directory(client, signed, region="Asia")) == []


def test_invalid_filters_are_ignored_not_an_error(client, signed):
    response = directory(client, signed, country="ZZ", region="Atlantis", page="nope")
    assert len(names(response)) == 3


def test_directory_pages_by_at_most_100(client, letter, settings):
    SignatureFactory.create_batch(130, letter=letter, approved=True)
    first = directory(client, letter)
    assert len(names(first)) == 100
    assert first.context["page"].paginator.num_pages == 2
    second = directory(client, letter, page=2)
    assert len(names(second)) == 30
    assert set(names(first)).isdisjoint(names(second))


def test_pagination_links_keep_the_filters(client, letter):
    SignatureFactory.create_batch(101, letter=letter, approved=True, country="KE")
    content = directory(client, letter, country="KE").content.decode()
    assert "?country=KE&amp;page=2" in content


def test_letter_page_lists_signatories_while_few_then_links_to_directory(
    client, letter, settings, django_capture_on_commit_callbacks
):
    settings.LETTER_PAGE_SIGNATORY_LIMIT = 2
    SignatureFactory.create_batch(2, letter=letter, approved=True, organization="Listed Here")
    directory_url = reverse("signatories:directory", args=[letter.slug])
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Listed Here" in page and directory_url in page
    SignatureFactory(letter=letter, approved=True)
    from letter.public_version import mark_published

    with django_capture_on_commit_callbacks(execute=True):
        mark_published(letter.pk)
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Listed Here" not in page
    assert "browse them in the directory" in page


def test_where_from_chart_and_table_agree(client, signed):
    SignatureFactory(letter=signed, approved=True, country="KE")
    response = directory(client, signed)
    regions = response.context["regions"]
    assert [(str(region), total) for region, total, _countries in regions] == [
        ("Africa", 2),
        ("Americas", 1),
        ("Europe", 1),
    ]
    content = response.content.decode()
    assert '<svg class="region-chart" role="img"' in content
    assert "<caption>" in content
    assert content.count('class="region-chart-bar"') == 3
