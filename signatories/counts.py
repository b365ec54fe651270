"""How many organizations signed a letter. The count is cached under the letter's public
version (letter/public_version.py), which every change the public sees bumps: a count
cached under an old version is never read again, so the count shown is exact as soon as the
change commits, and no page COUNTs per request."""

from django.core.cache import cache

from .models import Signature

# A cached count is keyed by the letter's public version, so it is never stale: this expiry
# only lets the cache drop the counts of versions no one asks for any more.
COUNT_CACHE_SECONDS = 24 * 3600


def approved_count(letter):
    """Approved signatures of `letter` (anything with pk and public_version)."""
    key = f"letter:{letter.pk}:v{letter.public_version}:approved-count"
    count = cache.get(key)
    if count is None:
        count = Signature.objects.public().filter(letter_id=letter.pk).count()
        cache.set(key, count, COUNT_CACHE_SECONDS)
    return count
