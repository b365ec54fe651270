import threading
import time

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.urls import reverse

from letter.models import Letter
from letter.public_version import (
    LOCAL_CACHE,
    letter_state_key,
    mark_published,
    public_state_as_of,
    public_state_for_slug,
)
from signatories.moderation import review
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


def fresh(letter):
    return Letter.objects.get(pk=letter.pk)


def test_saving_a_stale_letter_never_moves_its_version_back(letter):
    stale = fresh(letter)
    mark_published(letter.pk)
    mark_published(letter.pk)
    stale.title = "A corrected title"
    stale.save()
    saved = fresh(letter)
    assert saved.title == "A corrected title"
    assert saved.public_version == letter.public_version + 3
    assert stale.public_version == saved.public_version


class Pause:
    """A query wrapper that stops the thread it runs in right after the first query that
    `matches`, until the test lets it go: to force one interleaving of two connections."""

    def __init__(self, matches):
        self.matches = matches
        self.reached, self.resume = threading.Event(), threading.Event()

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not self.reached.is_set() and self.matches(sql):
            self.reached.set()
            assert self.resume.wait(30), "the test never let the paused thread go"
        return result

    def run_in_thread(self, function):
        def run():
            try:
                with connection.execute_wrapper(self):
                    function()
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        assert self.reached.wait(30), "the thread never ran the query to pause after"
        return thread

    def release(self, thread):
        self.resume.set()
        thread.join(30)


def reads_the_state(sql):
    return sql.startswith("SELECT") and "public_changed_at" in sql


# Two connections writing at once: PostgreSQL, as in production (SQLite locks the table).
@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_read_from_before_an_approval_cached_after_it_does_not_keep_the_old_count(
    client, letter, moderator
):
    signature = SignatureFactory(letter=letter, confirmed=True)
    count_url = reverse("signatories:count", args=[letter.slug])
    assert client.get(count_url).json()["count"] == 0
    cache.delete(letter_state_key(letter.slug))
    caches[LOCAL_CACHE].clear()

    # Another process reads the letter's state from the database just before the approval
    # commits, and writes it to the cache just after.
    pause = Pause(reads_the_state)
    reader = pause.run_in_thread(lambda: public_state_for_slug(letter.slug))
    review.signature_approve(signature=signature, moderator=moderator)
    pause.release(reader)

    caches[LOCAL_CACHE].clear()  # as in any other process, or in this one half a second later
    assert client.get(count_url).json()["count"] == 1
    assert public_state_for_slug(letter.slug).public_version == fresh(letter).public_version


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_changes_publishing_out_of_order_leave_the_newest(client, letter, moderator):
    first, second = SignatureFactory.create_batch(2, letter=letter, confirmed=True)
    count_url = reverse("signatories:count", args=[letter.slug])

    # The first approval commits and reads its new state, but writes it to the cache only
    # after the second approval has committed and written its own.
    pause = Pause(reads_the_state)
    approving = pause.run_in_thread(
        lambda: review.signature_approve(signature=first, moderator=moderator)
    )
    review.signature_approve(signature=second, moderator=moderator)
    pause.release(approving)

    caches[LOCAL_CACHE].clear()
    assert public_state_for_slug(letter.slug).public_version == fresh(letter).public_version
    assert client.get(count_url).json()["count"] == 2


def test_embedded_default_sees_a_change_from_another_process_within_a_second(letter, settings):
    """Item 8 of issue 23: with no Redis the "shared" cache is this process's memory, which a
    management command's commit never reaches; once the half-second memo is gone the page
    must read the new version, as it does with Redis."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    before = public_state_for_slug(letter.slug).public_version
    # Another process commits a change: the database moves, this process's caches do not.
    Letter.objects.filter(pk=letter.pk).update(public_version=before + 1)
    caches[LOCAL_CACHE].clear()  # the half-second memo has expired
    assert public_state_for_slug(letter.slug).public_version == before + 1


class Clock:
    """time.time() as the test sets it; time.monotonic() runs on."""

    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now

    def monotonic(self):
        return real_monotonic()


real_monotonic = time.monotonic


def test_a_remembered_state_ends_with_the_clocks_second(letter, monkeypatch):
    """A cache in front keeps a page until the end of the second its state was read in
    (config/cache_headers.py): a memo carried into the next second would let it keep one
    read up to half a second earlier, past a second after a change."""
    clock = Clock(1_000_000.7)
    monkeypatch.setattr("letter.public_version.time", clock)
    caches[LOCAL_CACHE].clear()
    state, as_of = public_state_as_of(letter.slug)
    assert as_of == 1_000_000.7

    clock.now = 1_000_000.9  # the same second, within the memo's half second: remembered
    Letter.objects.filter(pk=letter.pk).update(public_version=state.public_version + 1)
    cache.delete(letter_state_key(letter.slug))
    assert public_state_as_of(letter.slug) == (state, 1_000_000.7)

    clock.now = 1_000_001.1  # the next second, still within the half second: read again
    fresher, as_of = public_state_as_of(letter.slug)
    assert (fresher.public_version, as_of) == (state.public_version + 1, 1_000_001.1)
