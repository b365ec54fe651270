"""Issue 23: every named signatory on the letter page at any size, grouped by region then
country with each group's count and folded; those not named counted, never listed; lead
signatories first (signatories/public/signatory_list.py, templates/letter/_signatories.html)."""

import re

import pytest
from django.urls import reverse

from letter.public_version import mark_published
from signatories.models import Signature
from signatories.moderation.review import signatures_mark_lead
from tests.factories import CHANGELIST, LetterFactory, SignatureFactory, bulk_signatures

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("signatures", [750, 5000])
def test_every_approved_named_signatory_is_on_the_letter_page_at_any_size(
    client, django_assert_num_queries, django_assert_max_num_queries, signatures
):
    letter = LetterFactory()
    bulk_signatures(letter, signatures)
    # As many queries at 5,000 as at 750 (and as test_pages.PAGES states for 10 and 1,000).
    with django_assert_num_queries(7):
        response = client.get(letter.get_absolute_url())
    content = response.content.decode()
    listed = set(re.findall(r">(Organization \d{5})</a>", content))
    assert listed == {f"Organization {n:05d}" for n in range(signatures)}
    # Grouped by region, folded, each group with its count; a real link to the directory.
    # bulk_signatures spreads them over five countries, one in each of five regions.
    assert content.count('<details class="signatory-region"') == 5
    assert f'<a href="{reverse("signatories:directory", args=[letter.slug])}">' in content
    # Still a cached public page: at most the letter's public state is read again, once its
    # half-second memo has expired (rendering 5,000 names on SQLite takes longer than that).
    with django_assert_max_num_queries(1):
        client.get(letter.get_absolute_url())


def test_organizations_that_signed_unnamed_are_counted_per_country_never_listed(client, letter):
    SignatureFactory(letter=letter, approved=True, organization="Named Org", country="KZ")
    for n in range(7):
        SignatureFactory(
            letter=letter,
            approved=True,
            organization=f"Hidden {n}",
            country="KZ",
            listing=Signature.Listing.COUNTRY_ONLY,
        )
    SignatureFactory(
        letter=letter,
        approved=True,
        organization="Hidden Unlisted",
        country="IR",
        listing=Signature.Listing.UNLISTED,
    )
    content = " ".join(client.get(letter.get_absolute_url()).content.decode().split())
    assert "and 7 organizations in Kazakhstan who asked not to be named" in content
    assert 'Kazakhstan <span class="group-count">(8)</span>' in content
    assert "Hidden" not in content and "Iran" not in content
    assert "An organization in" not in content
    assert "1 more organization signed and asked not to be listed at all." in content
    assert "1 is named; 8 asked not to be named." in content


def test_lead_signatories_are_shown_first(client, letter, django_capture_on_commit_callbacks):
    SignatureFactory(letter=letter, approved=True, organization="Aardvark Alliance", country="FR")
    lead = SignatureFactory(
        letter=letter, approved=True, organization="Zulu Initiators", country="ZA"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert signatures_mark_lead(signatures=[lead], lead=True) == 1
    content = client.get(letter.get_absolute_url()).content.decode()
    leads = content.index('class="signatory-leads"')
    assert leads < content.index("Zulu Initiators") < content.index("Aardvark Alliance")


def test_lead_signatories_can_be_marked_from_the_admin(moderator_client, letter):
    signature = SignatureFactory(letter=letter, approved=True)
    moderator_client.post(
        CHANGELIST + "?status=all",
        {"action": "mark_lead_signatories", "_selected_action": [signature.pk]},
    )
    signature.refresh_from_db()
    assert signature.lead


def test_signatory_list_changes_when_a_signature_is_approved(
    client, letter, django_capture_on_commit_callbacks
):
    client.get(letter.get_absolute_url())
    SignatureFactory(letter=letter, approved=True, organization="Latecomer Org")
    with django_capture_on_commit_callbacks(execute=True):
        mark_published(letter.pk)
    assert "Latecomer Org" in client.get(letter.get_absolute_url()).content.decode()
