"""A signer's corrections from an import's invitation: stored with the trail, counted as the
confirmation, refused for a used or replaced link, and erased with the contact data."""

import datetime

import pytest
from django.utils import timezone

from signatories.models import Signature, SignatureEvent
from signatories.questions.selectors import letter_questions
from signatories.signing import retention, services
from signatories.signing.correction import signature_confirm_corrected
from tests.factories import QuestionFactory, SignatureFactory

pytestmark = pytest.mark.django_db

CORRECTED = {
    "organization": "Centre for Rights and Justice",
    "country": "TZ",
    "scope": "regional",
    "website": "https://crj.org",
    "listing": "country",
    "contact_name": "Achieng Otieno",
    "contact_role": "Director",
    "authority_statement": "",
}


@pytest.fixture
def imported(letter):
    return SignatureFactory(
        letter=letter,
        organization="Centre for Rights",
        country="KE",
        website="",
        contact_name="A. Otieno",
        submitted={"organization": "Centre for Rights", "country": "KE"},
    )


def test_corrections_are_stored_confirmed_and_kept_before_and_after(imported):
    signature = signature_confirm_corrected(signature=imported, revision=0, **CORRECTED)
    signature.refresh_from_db()
    assert signature.status == Signature.Status.CONFIRMED
    assert signature.confirmed_at is not None
    assert (signature.organization, signature.country, signature.listing) == (
        "Centre for Rights and Justice", "TZ", "country",
    )  # fmt: skip
    assert signature.website_domain == "crj.org"  # the hints follow the new values
    assert signature.submitted["organization"] == "Centre for Rights and Justice"
    corrected, confirmed = signature.events.order_by("pk")
    assert confirmed.action == SignatureEvent.Action.CONFIRMED
    assert corrected.action == SignatureEvent.Action.SIGNER_CORRECTED
    assert corrected.actor is None
    changes = corrected.details["changes"]
    assert changes["organization"] == ["Centre for Rights", "Centre for Rights and Justice"]
    assert changes["country"] == ["KE", "TZ"]
    assert changes["contact_role"] == ["", "Director"]
    assert "scope" in changes and "email" not in changes


def test_sending_the_details_unchanged_only_confirms(imported):
    unchanged = {name: str(getattr(imported, name)) for name in CORRECTED}
    signature = signature_confirm_corrected(signature=imported, revision=0, **unchanged)
    assert [e.action for e in signature.events.all()] == [SignatureEvent.Action.CONFIRMED]


def test_a_used_link_stores_nothing(imported):
    services.signature_confirm(signature=imported)
    with pytest.raises(services.IllegalTransition):
        signature_confirm_corrected(signature=imported, revision=0, **CORRECTED)
    imported.refresh_from_db()
    assert imported.organization == "Centre for Rights"
    assert not imported.events.filter(action=SignatureEvent.Action.SIGNER_CORRECTED).exists()


def test_a_link_for_replaced_values_stores_nothing(imported):
    Signature.objects.filter(pk=imported.pk).update(revision=1)
    with pytest.raises(services.LinkReplaced):
        signature_confirm_corrected(signature=imported, revision=0, **CORRECTED)
    imported.refresh_from_db()
    assert (imported.organization, imported.status) == ("Centre for Rights", "unconfirmed")


def test_the_address_is_not_the_signers_to_correct(imported):
    with pytest.raises(ValueError):
        signature_confirm_corrected(signature=imported, revision=0, email="other@ngo.org")


def test_answers_replace_any_and_are_kept_before_and_after(letter, imported):
    QuestionFactory(letter=letter, label="Size of the organization")
    (question,) = letter_questions(letter, "en").questions
    signature = signature_confirm_corrected(
        signature=imported, revision=0, answers=[(question, "Medium")], **CORRECTED
    )
    assert list(signature.answers.values_list("value", flat=True)) == ["Medium"]
    event = signature.events.get(action=SignatureEvent.Action.SIGNER_CORRECTED)
    assert event.details["answers"] == {"Size of the organization": ["", "Medium"]}


def test_the_purge_erases_the_contact_names_the_trail_kept(letter, imported):
    signature_confirm_corrected(signature=imported, revision=0, **CORRECTED)
    long_ago = timezone.now() - datetime.timedelta(days=3650)
    type(letter).objects.filter(pk=letter.pk).update(
        signing_opens_at=long_ago, signing_closes_at=long_ago + datetime.timedelta(days=1)
    )
    retention.contact_data_purge()
    event = imported.events.get(action=SignatureEvent.Action.SIGNER_CORRECTED)
    assert "contact_name" not in event.details["changes"]
    assert "contact_role" not in event.details["changes"]
    assert event.details["changes"]["country"] == ["KE", "TZ"]
