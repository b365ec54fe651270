import pytest
from django.db import IntegrityError

from signatories.models import Signature, SignatureEvent
from tests.factories import LetterFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_the_same_email_twice_on_a_letter_whatever_its_case(letter):
    SignatureFactory(letter=letter, email="info@ngo.example")
    with pytest.raises(IntegrityError):
        SignatureFactory(letter=letter, email="INFO@NGO.example")


def test_same_email_may_sign_another_letter(letter):
    SignatureFactory(letter=letter, email="info@ngo.example")
    SignatureFactory(letter=LetterFactory(), email="info@ngo.example")
    assert Signature.objects.with_email("Info@ngo.example").count() == 2


def test_public_and_awaiting_review_querysets(letter):
    approved = SignatureFactory(letter=letter, approved=True)
    confirmed = SignatureFactory(letter=letter, confirmed=True)
    SignatureFactory(letter=letter)
    assert list(Signature.objects.public()) == [approved]
    assert list(Signature.objects.awaiting_review()) == [confirmed]


def test_saving_derives_the_hints(letter):
    signature = SignatureFactory(
        letter=letter,
        organization="The  Société Générale!",
        email="someone@Mail.Example.ORG",
        website="https://www.example.org/about",
    )
    assert signature.organization_key == "societe generale"
    assert signature.email_domain == "example.org"  # registrable: shared with other addresses
    assert signature.website_domain == "example.org"
    assert signature.domain_check == "match"


def test_saving_some_fields_keeps_the_hints_current(signature):
    signature.website = "https://elsewhere.example"
    signature.save(update_fields=["website"])
    signature.refresh_from_db()
    assert signature.website_domain == "elsewhere.example"
    assert signature.domain_check == "mismatch"


def test_paper_signatures_without_email_do_not_collide(letter):
    SignatureFactory(letter=letter, email="")
    SignatureFactory(letter=letter, email="")
    assert Signature.objects.filter(letter=letter, email="").count() == 2


def test_events_are_kept_even_if_deletion_were_attempted(signature):
    from django.db.models import ProtectedError

    SignatureEvent.objects.create(signature=signature, action="submitted")
    with pytest.raises(ProtectedError):
        signature.delete()
