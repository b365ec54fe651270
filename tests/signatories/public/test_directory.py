"""The public listing, the directory's filters and counts, and the delivery list
(signatories/directory.py), as the pages show them. Organizations that asked not to be named
never appear by name in any public output."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from signatories.models import Signature
from signatories.public.signatory_list import signatory_list
from tests.factories import CHANGELIST, SignatureFactory

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


def test_signatory_list_orders_countries_by_name_within_a_region(signed_letter):
    SignatureFactory(letter=signed_letter, approved=True, organization="Dutch", country="NL")
    SignatureFactory(letter=signed_letter, approved=True, organization="Austrian", country="AT")
    regions = signatory_list(signed_letter).regions
    assert [(str(r.label), [g.country.code for g in r.countries]) for r in regions] == [
        ("Africa", ["KE"]),
        ("Europe", ["AT", "FR", "NL"]),
    ]


def test_signatory_list_carries_no_contact_fields(signed_letter):
    regions = signatory_list(signed_letter).regions
    entries = [e for r in regions for g in r.countries for e in g.named]
    assert len(entries) == 3
    for entry in entries:
        assert set(vars(entry)) == {"name", "website", "country"}


SECRET_NAME = "Defenders Underground Collective"


SECRET_SITE = "https://defenders-underground.example"


UNLISTED_NAME = "Quiet Supporters Association"


@pytest.fixture
def letter_with_anonymous(letter):
    SignatureFactory(letter=letter, approved=True, organization="Open Org", country="KE")
    SignatureFactory(
        letter=letter,
        approved=True,
        organization=SECRET_NAME,
        website=SECRET_SITE,
        country="BY",
        listing=Signature.Listing.COUNTRY_ONLY,
    )
    SignatureFactory(
        letter=letter,
        approved=True,
        organization=UNLISTED_NAME,
        country="IR",
        listing=Signature.Listing.UNLISTED,
    )
    return letter


def public_outputs(client, letter):
    slug = letter.slug
    urls = [
        letter.get_absolute_url(),
        reverse("signatories:directory", args=[slug]),
        reverse("signatories:directory", args=[slug]) + "?query=Defenders",
        reverse("signatories:directory", args=[slug]) + "?query=Quiet",
        reverse("signatories:directory", args=[slug]) + "?country=BY",
        reverse("signatories:print", args=[slug]),
        reverse("signatories:embed", args=[slug]),
        reverse("signatories:count", args=[slug]),
        reverse("signatories:data_json", args=[slug]),
        reverse("signatories:data_csv", args=[slug]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode("utf-8")


def test_no_public_output_names_them(client, letter_with_anonymous):
    for url, content in public_outputs(client, letter_with_anonymous):
        for secret in [SECRET_NAME, SECRET_SITE, "defenders-underground", UNLISTED_NAME]:
            assert secret not in content, f"{secret!r} appears in {url}"


def test_country_only_is_shown_as_an_organization_in_its_country(client, letter_with_anonymous):
    page = client.get(letter_with_anonymous.get_absolute_url()).content.decode()
    assert "1 organization in Belarus who asked not to be named" in page
    assert "Iran" not in page  # counted only: not even its country is listed


def test_everyone_is_counted(client, letter_with_anonymous):
    count = client.get(reverse("signatories:count", args=[letter_with_anonymous.slug])).json()
    assert count["count"] == 3
    printed = client.get(reverse("signatories:print", args=[letter_with_anonymous.slug])).content
    assert b"Signed by 3 organizations" in printed
    assert b"1 more organization signed and asked not to be listed at all." in printed


def test_name_search_does_not_reveal_an_unnamed_signatory(client, letter_with_anonymous):
    response = client.get(
        reverse("signatories:directory", args=[letter_with_anonymous.slug]), {"query": SECRET_NAME}
    )
    assert list(response.context["page"].object_list) == []


def test_exports_for_delivery_leave_them_out(letter_with_anonymous, moderator_client):
    for fmt in ["csv", "json"]:
        out = io.StringIO()
        call_command("export_signatories", letter_with_anonymous.slug, "--format", fmt, stdout=out)
        assert "Open Org" in out.getvalue()
        assert SECRET_NAME not in out.getvalue() and UNLISTED_NAME not in out.getvalue()
    response = moderator_client.post(
        CHANGELIST + "?status=all",
        {
            "action": "export_csv",
            "_selected_action": list(letter_with_anonymous.signatures.values_list("pk", flat=True)),
        },
    )
    assert SECRET_NAME not in response.content.decode("utf-8")


def test_moderators_still_see_them(moderator_client, letter_with_anonymous):
    content = moderator_client.get(CHANGELIST, {"status": "all"}).content.decode()
    assert SECRET_NAME in content and UNLISTED_NAME in content


def test_the_form_offers_the_three_ways_of_being_listed(client, letter):
    content = client.get(reverse("signatories:sign", args=[letter.slug])).content.decode()
    for value in ["named", "country", "unlisted"]:
        assert f'name="listing" value="{value}"' in content
