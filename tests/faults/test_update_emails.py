"""An update emailed to thousands of signers through the real moving parts (a Celery worker
with beat on its own Redis, PostgreSQL, an SMTP server): each recipient gets it exactly once,
even when the worker is killed mid-send; nobody else gets it; the pace holds."""

import collections
import signal
import time

import pytest

from config import celery_app
from signatories.mail.updates import mailing as update_mailing
from signatories.models import Signature, UpdateDelivery
from tests.factories import LetterFactory, LetterUpdateFactory, SignatureFactory, bulk_signatures
from tests.stack import RedisServer, Worker, app_env, database_url_of_test_database

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECIPIENTS = 5000


@pytest.fixture
def redis(tmp_path, processes):
    redis = RedisServer(tmp_path).start()
    processes.append(redis)
    return redis


@pytest.fixture
def press_send(monkeypatch, redis):
    """The coordinator's button, waking the dispatcher of this test's own Redis."""

    def wake():
        with celery_app.connection_for_write(redis.url) as connection:
            celery_app.tasks[update_mailing.DISPATCH_TASK].apply_async(connection=connection)

    monkeypatch.setattr(update_mailing, "wake_dispatcher", wake)

    def press(update):
        return update_mailing.update_send_start(update=update, started_by=None)

    return press


def start_worker(tmp_path, processes, redis, inbox, per_minute, name):
    env = app_env(
        DATABASE_URL=database_url_of_test_database(),
        REDIS_URL=redis.url,
        EMAIL_URL=inbox.url,
        SITE_URL="http://testserver",
        UPDATE_EMAILS_PER_MINUTE=per_minute,
    )
    worker = Worker(tmp_path, env, name=name, beat=True).start()
    processes.append(worker)
    return worker


def people_who_must_not_hear(letter):
    others = [SignatureFactory(letter=letter, approved=True, email="silent@no.example")]
    for status in (Signature.Status.REJECTED, Signature.Status.WITHDRAWN):
        others.append(SignatureFactory(letter=letter, status=status, wants_updates=True))
    unsubscribed = SignatureFactory(letter=letter, approved=True, wants_updates=True)
    update_mailing.signature_unsubscribe(signature=unsubscribed)
    return {s.email for s in [*others, unsubscribed]}


def test_each_signer_gets_the_update_once_though_the_worker_is_killed(
    tmp_path, processes, redis, inbox, press_send
):
    letter = LetterFactory()
    bulk_signatures(letter, RECIPIENTS)
    Signature.objects.filter(letter=letter).update(wants_updates=True)
    silent = people_who_must_not_hear(letter)
    recipients = set(update_mailing.update_recipients(letter.pk).values_list("email", flat=True))
    assert len(recipients) == RECIPIENTS
    update = LetterUpdateFactory(letter=letter)
    worker = start_worker(tmp_path, processes, redis, inbox, 1_000_000, "first")

    _send, added = press_send(update)
    assert added == RECIPIENTS
    inbox.wait_for(RECIPIENTS // 4, timeout=300)
    worker.stop(sig=signal.SIGKILL)
    arrived_when_killed = len(inbox.messages)
    assert arrived_when_killed < RECIPIENTS  # killed in the middle of the send
    start_worker(tmp_path, processes, redis, inbox, 1_000_000, "second")

    inbox.wait_for(RECIPIENTS, timeout=600)
    _send, added = press_send(update)  # pressed again: nothing more is owed
    assert added == 0
    time.sleep(5)  # time enough for a duplicate to arrive, if one were ever sent
    received = collections.Counter(inbox.recipients())
    assert set(received) == recipients and not silent & set(received)
    assert max(received.values()) == 1
    assert UpdateDelivery.objects.filter(sent_at__isnull=True).count() == 0
    message = inbox.messages[0]
    assert message["List-Unsubscribe"].strip().startswith("<http://testserver/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Content-Language"] == "en"
    for process in processes:
        if isinstance(process, Worker):
            assert "@org" not in process.log()


PER_MINUTE = 120
WINDOW = 45  # seconds


def test_update_emails_keep_to_the_configured_rate(tmp_path, processes, redis, inbox, press_send):
    letter = LetterFactory()
    bulk_signatures(letter, 400)
    Signature.objects.filter(letter=letter).update(wants_updates=True)
    Signature.objects.filter(letter=letter, pk__in=Signature.objects.order_by("pk")[:5]).update(
        language="fr"
    )
    update = LetterUpdateFactory(letter=letter)
    # Two workers, each able to send: the pace is shared, not per worker.
    start_worker(tmp_path, processes, redis, inbox, PER_MINUTE, "a")
    start_worker(tmp_path, processes, redis, inbox, PER_MINUTE, "b")
    press_send(update)
    inbox.wait_for(1, timeout=30)
    started = time.monotonic()
    time.sleep(WINDOW)
    sent = len(inbox.messages) - 1
    elapsed = time.monotonic() - started
    expected = PER_MINUTE * elapsed / 60
    assert abs(sent - expected) <= 0.1 * expected, (sent, expected)
    # Sent in the order signed: the first five signed in French.
    languages = [message["Content-Language"] for message in inbox.messages[:6]]
    assert languages == ["fr"] * 5 + ["en"]
    assert "Content-Language: fr" not in inbox.messages[5].as_string()
