import pytest
from django.db import IntegrityError

from signatories.models import Signature
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


def test_email_domain_is_lowercase():
    assert SignatureFactory.build(email="someone@Example.ORG").email_domain == "example.org"
