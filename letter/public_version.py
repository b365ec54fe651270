"""What the public sees of a letter's signatories changes only when a moderator decides, a
signer withdraws or a listed signature is corrected. Those services call `mark_published`
inside their transaction: it bumps the letter's public version, which keys the cached count
and validates public responses (ETag / Last-Modified). A count cached under an old version
is never read again, so the count shown is exact as soon as the change commits, and no page
COUNTs per request.

Why a committed change reaches every process within a second, whatever the interleaving:

- The version is bumped in the database only (`F() + 1`), never from an instance, so it
  only grows and a number, once used, always means the same signatories.
- Readers fill the shared cache with `cache.add` (only if absent); only the committer, after
  its commit, `cache.set`s the state it then reads afresh, and reads again to check that no
  later change committed meanwhile (if one did, it sets that one too). So the last write to
  the entry is a committer's, holding the newest committed version. A reader that read the
  database before a commit and writes after it either writes before the committer's set
  (and is overwritten) or after it (and, the entry being present, writes nothing). The
  entry could only be absent again once it expired, STATE_SECONDS on; a reader whose read
  took longer than READ_FRESH_SECONDS does not write at all, so it cannot reach that point.
- Each process remembers a state for LOCAL_STATE_SECONDS counted from *before* it started
  to read it, so a memo taken from a read that began before a commit ends within that time
  after the commit, however slow the read. A memo also ends with the clock's second: a page
  rendered from it is then exact as of a time in the current second, and a cache in front
  may keep it until that second ends (`public_state_as_of`, config/cache_headers.py), still
  within a second of any change.
- Under the embedded default the "shared" cache is each process's own memory, which a
  change committed by another process (a management command, a second runserver worker)
  never reaches: the state is then read from the database whenever the half-second memo
  has expired, so such a change too reaches every page within a second.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.utils import timezone

from .models import Letter, LetterTranslation, LetterUpdate, LetterUpdateTranslation
from .questions import Question, QuestionTranslation

STATE_SECONDS = 60
# A reader caches the state it read only if reading took less than this (far below
# STATE_SECONDS; see the module's docstring).
READ_FRESH_SECONDS = 2
# Each process also remembers a state this long, sparing the cache a round trip on the
# busiest pages; other processes see a change at most this late, well within a second.
LOCAL_STATE_SECONDS = 0.5
# That memo: the process's own memory (a LocMemCache), so nothing else need clear it.
LOCAL_CACHE = "local"


def letter_state_key(slug):
    return f"letter-state:{slug}"


def mark_published(letter_id):
    """Call inside the transaction that changed what the public sees of the letter: bumps
    its public version, in the database only, and publishes the new state once committed."""
    Letter.objects.filter(pk=letter_id).update(
        public_version=F("public_version") + 1, public_changed_at=timezone.now()
    )
    slugs = list(Letter.objects.filter(pk=letter_id).values_list("slug", flat=True))
    transaction.on_commit(lambda: _publish_states(slugs))


def _publish_states(slugs):
    for slug in slugs:
        caches[LOCAL_CACHE].delete(letter_state_key(slug))
        state = _state_from_database(slug)
        while True:
            if state is None:
                cache.delete(letter_state_key(slug))
                break
            cache.set(letter_state_key(slug), state, STATE_SECONDS)
            # A change that committed meanwhile may have set its state before ours.
            latest = _state_from_database(slug)
            if latest == state:
                break
            state = latest


def _state_from_database(slug):
    row = (
        Letter.objects.filter(slug=slug)
        .values_list("pk", "public_version", "public_changed_at")
        .first()
    )
    return None if row is None else PublicState(*row)


def public_state_for_slug(slug):
    """The letter's PublicState from the cache, or from the database (then cached); None for
    an unknown slug."""
    return public_state_as_of(slug)[0]


def public_state_as_of(slug):
    """(the letter's PublicState or None, the time.time() as of which it is exact): a page
    rendered from it shows nothing older than that time."""
    started, as_of = time.monotonic(), time.time()
    local, key = caches[LOCAL_CACHE], letter_state_key(slug)
    remembered = local.get(key)
    if remembered is not None:
        ends, state, remembered_as_of = remembered
        if ends > started and int(remembered_as_of) == int(as_of):
            return state, remembered_as_of
    state = _shared_state_for_slug(slug, started)
    if state is not None:
        # What counts is the end stored with the state, from before the read; the cache's
        # own expiry, from now, is later and only frees the memory.
        local.set(key, (started + LOCAL_STATE_SECONDS, state, as_of), LOCAL_STATE_SECONDS)
    return state, as_of


def _shared_state_for_slug(slug, started):
    if isinstance(caches["default"], LocMemCache):
        return _state_from_database(slug)  # this process's memory is not shared: see above
    state = cache.get(letter_state_key(slug))
    if state is None:
        state = _state_from_database(slug)
        if state is not None and time.monotonic() - started < READ_FRESH_SECONDS:
            cache.add(letter_state_key(slug), state, STATE_SECONDS)
    return state


def letter_for_slug(slug):
    """The letter as of its current public version, or None for an unknown slug. Every edit
    of a letter bumps the version, so each process may keep the instance it read for a
    version: the sign-on form then costs no query for its letter, and sees a pause or a new
    closing date as soon as it sees the new version (within LOCAL_STATE_SECONDS)."""
    state = public_state_for_slug(slug)
    if state is None:
        return None
    local, key = caches[LOCAL_CACHE], f"letter:{state.pk}:v{state.public_version}"
    letter = local.get(key)
    if letter is None:
        letter = Letter.objects.filter(pk=state.pk).first()
        if letter is not None:
            local.set(key, letter, STATE_SECONDS)
    return letter


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


# Any edit of the letter (text, dates, pause) or of a translation changes what the public
# pages show. Letter.save runs these inside its transaction, then reads the version back.
# Fixtures (raw) are loaded as they are.


@receiver(post_save, sender=Letter)
def _letter_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        mark_published(instance.pk)


@receiver(post_save, sender=LetterTranslation)
def _translation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        mark_published(instance.letter_id)


# A question asked on the form (or its translation) changed: the form shows it at once.


@receiver(post_save, sender=Question)
@receiver(post_delete, sender=Question)
def _question_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        mark_published(instance.letter_id)


@receiver(post_save, sender=QuestionTranslation)
@receiver(post_delete, sender=QuestionTranslation)
def _question_translation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _mark_published_through(Question, instance.question_id)


# Publishing, changing or deleting an update (or its translation) changes the letter page,
# its print view and updates.json.


@receiver(post_save, sender=LetterUpdate)
@receiver(post_delete, sender=LetterUpdate)
def _update_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        mark_published(instance.letter_id)


@receiver(post_save, sender=LetterUpdateTranslation)
@receiver(post_delete, sender=LetterUpdateTranslation)
def _update_translation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _mark_published_through(LetterUpdate, instance.update_id)


def _mark_published_through(parent_model, parent_pk):
    """A translation changed: its parent's letter, if the parent still exists, is published."""
    letter_id = parent_model.objects.filter(pk=parent_pk).values_list("letter_id", flat=True)
    if (found := letter_id.first()) is not None:
        mark_published(found)
