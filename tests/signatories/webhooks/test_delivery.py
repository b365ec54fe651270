from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from signatories.models import WebhookDelivery, WebhookEndpoint
from signatories.signing import services
from signatories.tokens import make_confirm_token
from signatories.webhooks import delivery as webhook_delivery
from signatories.webhooks.events import webhook_test_owe
from tests.factories import SignatureFactory
from tests.webhook_receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    receiver = Receiver(WebhookEndpoint._meta.get_field("secret").default()).start()
    yield receiver
    receiver.stop()


@pytest.fixture
def endpoint(receiver):
    return WebhookEndpoint.objects.create(url=receiver.url, secret=receiver.secret)


@pytest.fixture
def owed_event(endpoint, letter):
    services.signature_confirm(signature=SignatureFactory(letter=letter))
    return WebhookDelivery.objects.get()


def deliver(delivery):
    outcome = webhook_delivery.webhook_deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return outcome


def test_webhook_delivered_with_a_signature_the_receiver_verifies(receiver, owed_event):
    assert deliver(owed_event) == "delivered"
    assert owed_event.delivered_at is not None
    ((headers, payload, valid),) = receiver.requests
    assert valid
    assert headers["webhook-id"] == owed_event.event_id
    assert abs(int(headers["webhook-timestamp"]) - timezone.now().timestamp()) < 600
    assert payload["type"] == "signature.confirmed"
    # Delivered once: a second run sends nothing.
    assert deliver(owed_event) == "skipped" and len(receiver.requests) == 1


def test_webhook_server_error_retried_with_backoff(receiver, owed_event, settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    receiver.status = 503
    assert deliver(owed_event) == "retry"
    first_wait = owed_event.next_attempt_at - timezone.now()
    assert owed_event.attempts == 1 and owed_event.last_error == "HTTP 503"
    assert timedelta(seconds=25) < first_wait <= timedelta(seconds=30)
    # Not due yet: not tried again.
    assert deliver(owed_event) == "skipped" and len(receiver.requests) == 1
    WebhookDelivery.objects.filter(pk=owed_event.pk).update(next_attempt_at=timezone.now())
    assert deliver(owed_event) == "retry"
    second_wait = owed_event.next_attempt_at - timezone.now()
    assert timedelta(seconds=55) < second_wait <= timedelta(seconds=60)
    receiver.status = 200
    WebhookDelivery.objects.filter(pk=owed_event.pk).update(next_attempt_at=timezone.now())
    assert deliver(owed_event) == "delivered"
    assert len({headers["webhook-id"] for headers, _p, _v in receiver.requests}) == 1


@pytest.mark.parametrize("status", [400, 404, 410, 301])
def test_webhook_permanent_refusal_recorded_and_never_retried(receiver, owed_event, status):
    receiver.status = status
    assert deliver(owed_event) == "failed"
    assert owed_event.failed_at is not None and f"HTTP {status}" in owed_event.last_error
    assert webhook_delivery.webhooks_claim() == []


def test_webhook_too_many_requests_is_retried(receiver, owed_event):
    receiver.status = 429
    assert deliver(owed_event) == "retry" and owed_event.failed_at is None


def test_webhook_unreachable_receiver_retried_then_given_up(owed_event, endpoint, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(url="http://127.0.0.1:9/hooks")
    assert deliver(owed_event) == "retry"
    assert owed_event.last_error.startswith("no answer")
    WebhookDelivery.objects.filter(pk=owed_event.pk).update(next_attempt_at=timezone.now())
    assert deliver(owed_event) == "failed"
    assert "gave up after 2 attempts" in owed_event.last_error


def test_webhook_claim_hands_an_event_once_until_its_lease_is_over(owed_event, settings):
    settings.WEBHOOK_LEASE_SECONDS = 120
    assert webhook_delivery.webhooks_claim() == [owed_event.pk]
    assert webhook_delivery.webhooks_claim() == []
    # Its worker died holding it: handed again once the lease is over.
    past = timezone.now() - timedelta(seconds=121)
    WebhookDelivery.objects.filter(pk=owed_event.pk).update(handed_at=past)
    assert webhook_delivery.webhooks_claim() == [owed_event.pk]


def test_webhook_test_event_is_delivered(receiver, endpoint):
    delivery = webhook_test_owe(endpoint=endpoint)
    assert deliver(delivery) == "delivered"
    assert receiver.requests[0][1]["type"] == "webhook.test" and receiver.all_verified()


def test_webhook_never_delays_the_request_that_owes_it(client, receiver, endpoint, letter):
    """A confirmation only stores the event: the receiver hears nothing during the request,
    even a receiver that would hang."""
    receiver.hold.clear()
    signature = SignatureFactory(letter=letter)
    response = client.post(reverse("signatories:confirm", args=[make_confirm_token(signature.pk)]))
    assert response.status_code == 200
    assert receiver.requests == []
    assert WebhookDelivery.objects.owed().count() == 1
