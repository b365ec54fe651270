"""What the public sees of a letter's signatories changes only when a moderator decides, a
signer withdraws or a listed signature is corrected. Those services call `published` after
commit, which refreshes the cached count and the version that validates public responses
(ETag / Last-Modified), so pages and endpoints never COUNT per request."""

import time

from django.conf import settings
from django.core.cache import cache


def _count_key(letter_id):
    return f"letter:{letter_id}:approved-count"


def _version_key(letter_id):
    return f"letter:{letter_id}:public-version"


def _count_from_database(letter_id):
    from signatories.models import Signature

    return Signature.objects.public().filter(letter_id=letter_id).count()


def refresh_approved_count(letter_id):
    count = _count_from_database(letter_id)
    cache.set(_count_key(letter_id), count, settings.SIGNATORY_COUNT_CACHE_SECONDS)
    return count


def approved_count(letter_id):
    count = cache.get(_count_key(letter_id))
    if count is None:
        count = refresh_approved_count(letter_id)
    return count


def published(letter_id):
    """The public list of this letter changed: refresh its count and version."""
    refresh_approved_count(letter_id)
    cache.set(_version_key(letter_id), time.time(), timeout=None)


def public_version(letter_id):
    """Seconds since the epoch of the last public change known to the cache. A cache that
    lost it starts a new version, which only costs clients one full response."""
    version = cache.get(_version_key(letter_id))
    if version is None:
        version = time.time()
        cache.add(_version_key(letter_id), version, timeout=None)
        version = cache.get(_version_key(letter_id), version)
    return version
