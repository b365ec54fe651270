"""Organizations that asked not to be named never appear by name in any public output."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from signatories.models import Signature
from tests.factories import CHANGELIST, SignatureFactory

pytestmark = pytest.mark.django_db

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
    assert "An organization in Belarus" in page
    assert "Iran" not in page  # counted only: not even its country is listed


def test_everyone_is_counted(client, letter_with_anonymous):
    count = client.get(reverse("signatories:count", args=[letter_with_anonymous.slug])).json()
    assert count == {"count": 3}
    printed = client.get(reverse("signatories:print", args=[letter_with_anonymous.slug])).content
    assert b"Signed by 3 organizations" in printed
    assert b"1 more organization signed and asked not to be listed." in printed


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
