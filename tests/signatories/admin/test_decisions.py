"""Bulk decisions in the review queue: possible duplicates are held back unless ticked, an
action approves only signatures without any warning, and each decision is in the trail."""

import pytest

from signatories.hints import DomainCheck
from signatories.models import Signature, SignatureEvent
from tests.factories import CHANGELIST, SignatureFactory

pytestmark = pytest.mark.django_db


def choose(client, action, signatures, **extra):
    """Post an action for a selection, as the queue's "Go" button does."""
    data = {"action": action, "index": 0, "_selected_action": [s.pk for s in signatures]}
    return client.post(f"{CHANGELIST}?status=all", {**data, **extra}, follow=True)


def apply(client, signatures, include=()):
    """Post the page of possible duplicates, ticking `include`."""
    data = {
        "action": "approve_signatures",
        "apply": "1",
        "_selected_action": [s.pk for s in signatures],
        "include": [s.pk for s in include],
    }
    return client.post(f"{CHANGELIST}?status=all", data, follow=True)


def status_of(signature):
    signature.refresh_from_db()
    return signature.status


@pytest.fixture
def queue_with_duplicate(letter):
    """An approved organization, a confirmed signature with the same name, and three
    unrelated confirmed signatures."""
    SignatureFactory(letter=letter, approved=True, organization="Amnesty Kenya")
    duplicate = SignatureFactory(letter=letter, confirmed=True, organization="amnesty  kenya")
    others = [SignatureFactory(letter=letter, confirmed=True) for _ in range(3)]
    return duplicate, others


def test_bulk_approval_with_a_possible_duplicate_asks_first(moderator_client, queue_with_duplicate):
    duplicate, others = queue_with_duplicate
    response = choose(moderator_client, "approve_signatures", [duplicate, *others])
    assert response.templates[0].name == "admin/signatories/signature/approve_duplicates.html"
    content = response.content.decode()
    assert "amnesty  kenya" in content
    assert "Amnesty Kenya" in content  # the signature it may duplicate, linked
    assert f'name="include" value="{duplicate.pk}"' in content
    assert "csrfmiddlewaretoken" in content
    # Nothing is decided until the page is answered.
    assert {status_of(s) for s in [duplicate, *others]} == {Signature.Status.CONFIRMED}


def test_intermediate_page_approves_the_others_only(moderator_client, queue_with_duplicate):
    duplicate, others = queue_with_duplicate
    response = apply(moderator_client, [duplicate, *others])
    assert status_of(duplicate) == Signature.Status.CONFIRMED
    assert {status_of(s) for s in others} == {Signature.Status.APPROVED}
    content = response.content.decode()
    assert "3 signatures approved." in content
    assert "1 possible duplicate was left in the queue." in content


def test_intermediate_page_approves_a_ticked_duplicate(moderator_client, queue_with_duplicate):
    duplicate, others = queue_with_duplicate
    apply(moderator_client, [duplicate, *others], include=[duplicate])
    assert {status_of(s) for s in [duplicate, *others]} == {Signature.Status.APPROVED}


def test_a_tick_outside_the_selection_approves_nothing_more(moderator_client, letter):
    first = SignatureFactory(letter=letter, confirmed=True, organization="Same Org")
    second = SignatureFactory(letter=letter, confirmed=True, organization="Same Org")
    apply(moderator_client, [first], include=[second])
    assert status_of(first) == Signature.Status.CONFIRMED
    assert status_of(second) == Signature.Status.CONFIRMED


def test_a_selection_without_duplicates_is_approved_at_once(moderator_client, letter):
    signatures = [SignatureFactory(letter=letter, confirmed=True) for _ in range(2)]
    response = choose(moderator_client, "approve_signatures", signatures)
    assert "2 signatures approved." in response.content.decode()
    assert {status_of(s) for s in signatures} == {Signature.Status.APPROVED}


def test_a_rejected_or_withdrawn_namesake_is_no_duplicate(moderator_client, letter):
    SignatureFactory(letter=letter, status=Signature.Status.REJECTED, organization="Same Org")
    SignatureFactory(letter=letter, status=Signature.Status.WITHDRAWN, organization="Same Org")
    signature = SignatureFactory(letter=letter, confirmed=True, organization="Same Org")
    choose(moderator_client, "approve_signatures", [signature])
    assert status_of(signature) == Signature.Status.APPROVED


def test_approve_those_with_no_warning(moderator_client, queue_with_duplicate, letter):
    duplicate, clear = queue_with_duplicate
    webmail = SignatureFactory(letter=letter, confirmed=True, email="someone@gmail.com")
    mismatch = SignatureFactory(
        letter=letter, confirmed=True, email="a@elsewhere.example", website="https://ngo.example"
    )
    no_website = SignatureFactory(letter=letter, confirmed=True, website="")
    warned = [duplicate, webmail, mismatch, no_website]
    assert [s.domain_check for s in warned[1:]] == [
        DomainCheck.WEBMAIL,
        DomainCheck.MISMATCH,
        DomainCheck.NO_WEBSITE,
    ]
    response = choose(moderator_client, "approve_unwarned_signatures", [*warned, *clear])
    assert {status_of(s) for s in clear} == {Signature.Status.APPROVED}
    assert {status_of(s) for s in warned} == {Signature.Status.CONFIRMED}
    content = response.content.decode()
    assert "3 signatures approved." in content
    assert "4 signatures with a warning were left for review." in content


def test_every_bulk_approval_is_in_the_trail_with_its_moderator(
    moderator_client, moderator, letter
):
    signatures = [SignatureFactory(letter=letter, confirmed=True) for _ in range(4)]
    choose(moderator_client, "approve_signatures", signatures)
    events = SignatureEvent.objects.filter(action=SignatureEvent.Action.APPROVED)
    assert sorted(events.values_list("signature_id", "actor_id")) == sorted(
        (s.pk, moderator.pk) for s in signatures
    )


def test_approvals_from_the_duplicates_page_are_in_the_trail(
    moderator_client, moderator, queue_with_duplicate
):
    duplicate, others = queue_with_duplicate
    apply(moderator_client, [duplicate, *others], include=[duplicate])
    events = SignatureEvent.objects.filter(action=SignatureEvent.Action.APPROVED)
    assert sorted(events.values_list("signature_id", "actor_id")) == sorted(
        (s.pk, moderator.pk) for s in [duplicate, *others]
    )


def test_the_duplicates_page_is_translated(moderator_client, queue_with_duplicate):
    duplicate, others = queue_with_duplicate
    moderator_client.cookies["django_language"] = "fr"
    response = choose(moderator_client, "approve_signatures", [duplicate, *others])
    assert "Doublons possibles" in response.content.decode()
