"""The approved-signatory count of each letter, kept in the cache and refreshed by the
services that change it, so pages and count.json never COUNT per request."""

from django.conf import settings
from django.core.cache import cache


def _key(letter_id):
    return f"letter:{letter_id}:approved-count"


def _count_from_database(letter_id):
    from signatories.models import Signature

    return Signature.objects.public().filter(letter_id=letter_id).count()


def refresh_approved_count(letter_id):
    count = _count_from_database(letter_id)
    cache.set(_key(letter_id), count, settings.SIGNATORY_COUNT_CACHE_SECONDS)
    return count


def approved_count(letter_id):
    count = cache.get(_key(letter_id))
    if count is None:
        count = refresh_approved_count(letter_id)
    return count
