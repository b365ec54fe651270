"""What the public sees of a letter's signatories changes only when a moderator decides, a
signer withdraws or a listed signature is corrected. Those services call `mark_published`
inside their transaction: it bumps the letter's public version, which keys the cached count
and validates public responses (ETag / Last-Modified). A count cached under an old version
is never read again, so the count shown is exact as soon as the change commits, and no page
COUNTs per request."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from .models import Letter

COUNT_CACHE_SECONDS = 24 * 3600


def mark_published(letter_id):
    Letter.objects.filter(pk=letter_id).update(
        public_version=F("public_version") + 1, public_changed_at=timezone.now()
    )


@dataclass(frozen=True)
class PublicState:
    pk: int
    public_version: int
    public_changed_at: object

    @property
    def etag(self):
        return f'"{self.pk}-{self.public_version}"'


def public_state(request, slug):
    """The letter's id and public version: one small query, remembered for the request."""
    states = request.__dict__.setdefault("_letter_public_states", {})
    if slug not in states:
        row = (
            Letter.objects.filter(slug=slug)
            .values_list("pk", "public_version", "public_changed_at")
            .first()
        )
        if row is None:
            raise Http404("No such letter")
        states[slug] = PublicState(*row)
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
