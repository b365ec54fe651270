"""The public pages make as many database queries for 1,000 signatures as for 10, and none at
all once cached; the admin queue is checked in tests/signatories/test_workbench.py."""

import pytest
from django.urls import reverse

from tests.factories import LetterFactory, bulk_signatures

pytestmark = pytest.mark.django_db


PAGES = {
    # name: (url name, queries on a cache miss)
    "letter page": ("signatories:letter", 4),  # page-cache state, letter, count, listed signatories
    "count.json": ("signatories:count", 2),  # page-cache state, count
    "directory": ("signatories:directory", 6),  # state, letter, count, page count, rows, regions
    "embed": ("signatories:embed", 3),  # state, letter, count
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("signatures", [10, 1000])
def test_queries_do_not_grow_with_signatures(
    client, settings, django_assert_num_queries, page, signatures
):
    settings.LETTER_PAGE_SIGNATORY_LIMIT = 5000  # list all 1,000 on the letter page
    letter = LetterFactory()
    bulk_signatures(letter, signatures)
    name, expected = PAGES[page]
    url = reverse(name, args=[letter.slug])
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(0):  # served whole from the page cache
        assert client.get(url).status_code == 200
