import pytest

from letter.models import Letter
from letter.public_version import mark_published
from signatories.public.counts import approved_count
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


def fresh(letter):
    return Letter.objects.get(pk=letter.pk)


def test_approved_count_counts_only_approved(letter):
    SignatureFactory.create_batch(2, letter=letter, approved=True)
    SignatureFactory(letter=letter, confirmed=True)
    SignatureFactory(letter=letter)
    assert approved_count(letter) == 2


def test_approved_count_is_served_from_cache(letter, django_assert_num_queries):
    approved_count(letter)
    with django_assert_num_queries(0):
        assert approved_count(letter) == 0


def test_a_new_public_version_counts_afresh(letter):
    assert approved_count(letter) == 0
    SignatureFactory(letter=letter, approved=True)
    assert approved_count(fresh(letter)) == 0  # same version: still cached
    mark_published(letter.pk)
    assert fresh(letter).public_version == letter.public_version + 1
    assert approved_count(fresh(letter)) == 1
