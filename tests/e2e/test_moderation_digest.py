"""The moderators' digest through a real Celery worker and SMTP server: one per moderator
however often beat runs, none while nothing waited long enough, and no contact data."""

import datetime

import pytest
from django.utils import timezone

from signatories import tasks
from signatories.mail import outbox
from signatories.models import Notification
from tests.factories import LetterFactory, SignatureFactory

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def digest_moderator(moderator):
    return moderator


def waiting(letter, hours, **fields):
    confirmed_at = timezone.now() - datetime.timedelta(hours=hours)
    return SignatureFactory(letter=letter, confirmed=True, confirmed_at=confirmed_at, **fields)


def then_a_sentinel(smtp_inbox, count, name="sentinel"):
    """Queue a signer's email behind whatever the worker has still to do and wait for it:
    the worker runs one task at a time, in order, so once it arrives everything queued
    before it has run (though what those tasks queued in turn may still be to come)."""
    signature = SignatureFactory(email=f"{name}@sentinel.example")
    outbox.notification_owe(signature=signature, kind=Notification.Kind.CONFIRM)
    messages = smtp_inbox.wait_for(count)
    assert messages[-1]["To"] == f"{name}@sentinel.example"
    return messages[:-1]


def test_one_digest_however_often_beat_runs(start_worker, smtp_inbox, digest_moderator):
    start_worker(site_url="https://letters.example.net")
    letter = LetterFactory(title="Letter on water")
    private = waiting(
        letter, 30, organization="Quiet Org", contact_name="Ana Quiet", email="ana@quiet.example"
    )
    waiting(letter, 2)
    tasks.send_moderation_digests.delay()
    tasks.send_moderation_digests.delay()
    (digest,) = smtp_inbox.wait_for(1)
    assert digest["To"] == digest_moderator.email
    # By now the second run has queued its own delivery, if any: the sentinel goes behind it.
    assert then_a_sentinel(smtp_inbox, 2) == [digest]
    text = smtp_inbox.text_of(digest)
    assert "2 signatures are waiting for review" in text
    assert "Letter on water: 2 waiting, 1 for more than 24 hours" in text
    assert "https://letters.example.net/admin/signatories/signature/" in text
    whole = digest.as_string()
    for value in (private.organization, private.contact_name, private.email):
        assert value not in whole


def test_no_digest_while_nothing_waited_long_enough(start_worker, smtp_inbox, digest_moderator):
    start_worker()
    waiting(LetterFactory(), 23)
    tasks.send_moderation_digests.delay()
    # The first sentinel follows beat's run, the second whatever delivery that run queued.
    then_a_sentinel(smtp_inbox, 1, "first")
    assert [m["To"] for m in then_a_sentinel(smtp_inbox, 2, "second")] == ["first@sentinel.example"]
