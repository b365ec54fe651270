import pytest

from letter.publication import approved_count, refresh_approved_count
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


def test_approved_count_counts_only_approved(letter):
    SignatureFactory.create_batch(2, letter=letter, approved=True)
    SignatureFactory(letter=letter, confirmed=True)
    SignatureFactory(letter=letter)
    assert approved_count(letter.pk) == 2


def test_approved_count_is_served_from_cache(letter, django_assert_num_queries):
    approved_count(letter.pk)
    with django_assert_num_queries(0):
        assert approved_count(letter.pk) == 0


def test_refresh_replaces_the_cached_value(letter):
    assert approved_count(letter.pk) == 0
    SignatureFactory(letter=letter, approved=True)
    assert approved_count(letter.pk) == 0  # still cached
    refresh_approved_count(letter.pk)
    assert approved_count(letter.pk) == 1
