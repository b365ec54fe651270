"""Webhooks through a real Celery worker on Redis and PostgreSQL, to a receiver on loopback
that checks every signature: down for a while, it still gets every event once the retries
run; a worker killed mid-delivery loses nothing."""

import signal

import pytest

from signatories.models import WebhookDelivery, WebhookEndpoint
from signatories.moderation import review
from signatories.signing import services
from tests.factories import LetterFactory, SignatureFactory
from tests.stack import free_port, wait_until
from tests.webhook_receiver import Receiver

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SECRET = WebhookEndpoint._meta.get_field("secret").default()
# Retries within a second or so, so that the test waits for them, not for production's.
QUICK_RETRIES = {
    "WEBHOOK_RETRY_BASE_SECONDS": "0.3",
    "WEBHOOK_RETRY_MAX_SECONDS": "1",
    "WEBHOOK_MAX_ATTEMPTS": "1000",
}


def all_delivered():
    return not WebhookDelivery.objects.owed().exists()


def test_webhook_receiver_down_for_a_while_still_gets_every_event(start_worker, django_user_model):
    port = free_port()  # nothing listens there yet: the receiver is down
    WebhookEndpoint.objects.create(url=f"http://127.0.0.1:{port}/hooks", secret=SECRET)
    moderator = django_user_model.objects.create_user("mod")
    start_worker(**QUICK_RETRIES)
    letter = LetterFactory()
    signatures = [SignatureFactory(letter=letter) for _ in range(3)]
    for signature in signatures:
        services.signature_confirm(signature=signature)
        review.signature_approve(signature=signature, moderator=moderator)
    # Tried, refused (nothing listens), and tried again with backoff.
    wait_until(
        lambda: WebhookDelivery.objects.filter(attempts__gte=3).count() == 6,
        60,
        "three attempts at each event while the receiver is down",
    )
    assert not WebhookDelivery.objects.filter(delivered_at__isnull=False).exists()
    receiver = Receiver(SECRET, port=port).start()  # back up
    try:
        wait_until(all_delivered, 60, "every event delivered once the receiver is back")
        events = receiver.events()
        assert receiver.all_verified()
        assert sorted((e["type"], e["data"]["signature"]["id"]) for e in events) == sorted(
            (kind, s.pk)
            for s in signatures
            for kind in ("signature.confirmed", "signature.approved")
        )
    finally:
        receiver.stop()


def test_webhook_nothing_lost_when_the_worker_is_killed_mid_delivery(start_worker):
    receiver = Receiver(SECRET).start()
    receiver.hold.clear()  # the first request hangs, as the worker is killed
    WebhookEndpoint.objects.create(url=receiver.url, secret=SECRET)
    settings_env = {**QUICK_RETRIES, "WEBHOOK_LEASE_SECONDS": "2", "WEBHOOK_TIMEOUT_SECONDS": "30"}
    first = start_worker(**settings_env)
    try:
        services.signature_confirm(signature=SignatureFactory(letter=LetterFactory()))
        assert receiver.arrived.wait(30), "the worker never started delivering"
        first.stop(sig=signal.SIGKILL)
        delivery = WebhookDelivery.objects.get()
        assert delivery.delivered_at is None and delivery.failed_at is None
        receiver.hold.set()
        start_worker(**settings_env)
        wait_until(all_delivered, 60, "the event delivered by another worker")
        assert len(receiver.requests) >= 2  # at least once: the receiver deduplicates
        (event,) = receiver.events()
        assert event["type"] == "signature.confirmed" and receiver.all_verified()
    finally:
        receiver.stop()
