"""The public pages make as many database queries for 1,000 signatures as for 10, and none at
all once cached; the admin queue is checked in tests/signatories/test_workbench.py."""

import pytest
from django.urls import reverse
from django.utils import timezone

from signatories.models import Signature
from tests.factories import LetterFactory

pytestmark = pytest.mark.django_db


def add_approved(letter, count):
    now = timezone.now()
    signatures = []
    for n in range(count):
        signature = Signature(
            letter=letter,
            organization=f"Organization {n:05d}",
            country=["KE", "FR", "AR", "JP", "FJ"][n % 5],
            scope="national",
            website=f"https://org{n}.example",
            contact_name="Contact",
            email=f"c{n}@org{n}.example",
            consented_at=now,
            status=Signature.Status.APPROVED,
            confirmed_at=now,
            decided_at=now,
        )
        signature.derive_fields()
        signatures.append(signature)
    Signature.objects.bulk_create(signatures)


PAGES = {
    # name: (url name, queries on a cache miss)
    "letter page": ("letter:detail", 4),  # page-cache state, letter, count, listed signatories
    "count.json": ("letter:count", 2),  # page-cache state, count
    "directory": ("letter:directory", 6),  # state, letter, count, page count, rows, regions
    "embed": ("letter:embed", 3),  # state, letter, count
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("signatures", [10, 1000])
def test_queries_do_not_grow_with_signatures(
    client, settings, django_assert_num_queries, page, signatures
):
    settings.LETTER_PAGE_SIGNATORY_LIMIT = 5000  # list all 1,000 on the letter page
    letter = LetterFactory()
    add_approved(letter, signatures)
    name, expected = PAGES[page]
    url = reverse(name, args=[letter.slug])
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(0):  # served whole from the page cache
        assert client.get(url).status_code == 200
