"""What the public sees of a letter's signatories changes only when a moderator decides, a
signer withdraws or a listed signature is corrected. Those services call `mark_published`
inside their transaction: it bumps the letter's public version, which keys the cached count
and validates public responses (ETag / Last-Modified). A count cached under an old version
is never read again, so the count shown is exact as soon as the change commits, and no page
COUNTs per request."""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from .models import Letter

# A cached count is keyed by the letter's public version, so it is never stale: this expiry
# only lets the cache drop the counts of versions no one asks for any more.
COUNT_CACHE_SECONDS = 24 * 3600
STATE_SECONDS = 60
# Each process also remembers a state this long, sparing the cache a round trip on the
# busiest pages; other processes see a change at most this late, well within a second.
LOCAL_STATE_SECONDS = 0.5
_local_states = {}


def letter_state_key(slug):
    return f"letter-state:{slug}"


def mark_published(letter_id):
    """Call inside the transaction that changed what the public sees of the letter."""
    Letter.objects.filter(pk=letter_id).update(
        public_version=F("public_version") + 1, public_changed_at=timezone.now()
    )
    forget_state_on_commit(Letter.objects.filter(pk=letter_id).values_list("slug", flat=True))


def forget_state_on_commit(slugs):
    slugs = list(slugs)
    transaction.on_commit(lambda: _forget_states(slugs))


def _forget_states(slugs):
    cache.delete_many([letter_state_key(slug) for slug in slugs])
    for slug in slugs:
        _local_states.pop(slug, None)


def public_state_for_slug(slug):
    """The letter's PublicState from the cache, or from the database (then cached); None for
    an unknown slug."""
    remembered = _local_states.get(slug)
    if remembered is not None and remembered[0] > time.monotonic():
        return remembered[1]
    state = _shared_state_for_slug(slug)
    if state is not None:
        _local_states[slug] = (time.monotonic() + LOCAL_STATE_SECONDS, state)
    return state


def _shared_state_for_slug(slug):
    state = cache.get(letter_state_key(slug))
    if state is None:
        row = (
            Letter.objects.filter(slug=slug)
            .values_list("pk", "public_version", "public_changed_at")
            .first()
        )
        if row is None:
            return None
        state = PublicState(*row)
        cache.set(letter_state_key(slug), state, STATE_SECONDS)
    return state


@dataclass(frozen=True)
class PublicState:
    pk: int
    public_version: int
    public_changed_at: object

    @property
    def etag(self):
        return f'"{self.pk}-{self.public_version}"'


def public_state(request, slug):
    """The letter's id and public version, or 404: remembered for the request."""
    states = request.__dict__.setdefault("_letter_public_states", {})
    if slug not in states:
        states[slug] = public_state_for_slug(slug)
    if states[slug] is None:
        raise Http404("No such letter")
    return states[slug]


def approved_count(letter):
    """Approved signatures of `letter` (anything with pk and public_version)."""
    key = f"letter:{letter.pk}:v{letter.public_version}:approved-count"
    count = cache.get(key)
    if count is None:
        from signatories.models import Signature

        count = Signature.objects.public().filter(letter_id=letter.pk).count()
        cache.set(key, count, COUNT_CACHE_SECONDS)
    return count
