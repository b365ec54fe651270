import pytest
from django.urls import reverse

from signatories.directory import delivery_list
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_letter(letter):
    SignatureFactory(letter=letter, approved=True, organization="zebra Rights", country="KE")
    SignatureFactory(letter=letter, approved=True, organization="Amani Trust", country="KE")
    SignatureFactory(
        letter=letter, approved=True, organization="Ligue des droits", country="FR", website=""
    )
    SignatureFactory(letter=letter, confirmed=True, organization="Not Yet Approved")
    SignatureFactory(letter=letter, organization="Never Confirmed")
    return letter


def print_page(client, letter):
    response = client.get(reverse("signatories:print", args=[letter.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_signatories_are_grouped_by_region_then_country_then_name(client, signed_letter):
    content = print_page(client, signed_letter)
    in_print_order = ["Africa", "Kenya", "Amani Trust", "zebra Rights", "Europe", "France"]
    positions = [content.index(text) for text in [*in_print_order, "Ligue des droits"]]
    assert positions == sorted(positions)


def test_delivery_list_orders_countries_by_name_within_a_region(signed_letter):
    SignatureFactory(letter=signed_letter, approved=True, organization="Dutch", country="NL")
    SignatureFactory(letter=signed_letter, approved=True, organization="Austrian", country="AT")
    regions = delivery_list(signed_letter).regions
    assert [(str(label), [c.code for c, _ in group]) for label, group in regions] == [
        ("Africa", ["KE"]),
        ("Europe", ["AT", "FR", "NL"]),
    ]


def test_print_page_counts_organizations_and_countries(client, signed_letter):
    content = print_page(client, signed_letter)
    assert "Signed by 3 organizations from 2 countries" in content


def test_print_page_uses_singular_forms(client, letter):
    SignatureFactory(letter=letter, approved=True, country="KE")
    assert "Signed by 1 organization from 1 country" in print_page(client, letter)


def test_print_page_without_signatories_says_so(client, letter):
    content = print_page(client, letter)
    assert "No organization has signed yet." in content
    assert "Signed by" not in content


def test_print_page_shows_the_letter_and_websites(client, signed_letter):
    content = print_page(client, signed_letter)
    assert signed_letter.title in content
    assert "The Secretary-General" in content
    assert "1 May 2024" in content
    assert "<p>Second paragraph of the letter.</p>" in content
    website = signed_letter.signatures.get(organization="Amani Trust").website
    assert f'<span class="delivery-website small text-secondary">{website}</span>' in content


def test_print_page_lists_only_approved_signatures(client, signed_letter):
    content = print_page(client, signed_letter)
    assert "Not Yet Approved" not in content
    assert "Never Confirmed" not in content


def test_print_page_never_shows_contact_data(client, letter):
    signature = SignatureFactory(
        letter=letter, approved=True, contact_name="Wanjiru Secret", email="wanjiru@secret.example"
    )
    content = print_page(client, letter)
    assert signature.organization in content
    assert "Wanjiru Secret" not in content
    assert "wanjiru@secret.example" not in content


def test_delivery_list_carries_no_contact_fields(signed_letter):
    regions = delivery_list(signed_letter).regions
    entries = [e for _, countries in regions for _, group in countries for e in group]
    assert len(entries) == 3
    for entry in entries:
        assert set(vars(entry)) == {"name", "website", "country", "scope"}


def test_print_page_queries_do_not_grow_with_signatories(
    client, signed_letter, django_assert_num_queries
):
    SignatureFactory.create_batch(5, letter=signed_letter, approved=True, country="JP")
    # The page-cache state, the letter, its approved count, its listed signatures.
    with django_assert_num_queries(4):
        print_page(client, signed_letter)


def test_print_page_links_the_print_stylesheet_and_has_no_inline_code(client, letter):
    content = print_page(client, letter)
    assert '<link rel="stylesheet" href="/static/css/print.' in content
    assert 'media="print"' in content
    assert "<script" not in content
    assert "<style" not in content
    assert "style=" not in content


def test_print_page_of_an_unknown_letter_is_not_found(client, db):
    assert client.get(reverse("signatories:print", args=["no-such-letter"])).status_code == 404
