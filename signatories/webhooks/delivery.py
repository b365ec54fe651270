"""Delivering the events owed: handed to the workers by the dispatcher (worker.py), each POSTed
once per attempt with its signature, under a lock on its row. A 2xx delivers it; a temporary
failure (no answer, 5xx, 408, 429) is tried again later, with exponential backoff, up to
WEBHOOK_MAX_ATTEMPTS; a permanent refusal (another 4xx, or a redirect, never followed) is
recorded and shown in the admin. A worker killed mid-delivery rolls back its transaction: the
event stays owed and is handed again once WEBHOOK_LEASE_SECONDS have passed, so a receiver
may get an event twice, and deduplicates it by its `webhook-id`."""

import json
import logging
import urllib.error
import urllib.request
from datetime import timedelta
from http.client import HTTPException

from celery import current_app
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from signatories.models import WebhookDelivery
from signatories.webhooks.events import DELIVER_TASK, contact_data
from signatories.webhooks.signing import signed_headers

logger = logging.getLogger(__name__)

HAND_OVER_BATCH = 200
# Refusals worth trying again: the receiver was busy or slow, not saying no.
TEMPORARY_4XX = frozenset({408, 425, 429})


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 3xx is then raised as an HTTPError, and refused for good


_opener = urllib.request.build_opener(_NoRedirects)


@transaction.atomic
def webhooks_claim(*, limit: int = HAND_OVER_BATCH) -> list[int]:
    """Mark handed and return the ids of the events due now and not in a worker's hands (never
    handed, or handed WEBHOOK_LEASE_SECONDS ago and still owed). Rows another claim holds are
    skipped, so two dispatchers never hand the same event at once."""
    now = timezone.now()
    lease_over = now - timedelta(seconds=settings.WEBHOOK_LEASE_SECONDS)
    ids = list(
        WebhookDelivery.objects.owed()
        .filter(Q(handed_at__isnull=True) | Q(handed_at__lt=lease_over), next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .select_for_update(skip_locked=True)
        .values_list("pk", flat=True)[:limit]
    )
    WebhookDelivery.objects.filter(pk__in=ids).update(handed_at=now)
    return ids


def webhooks_hand_over(*, limit: int = HAND_OVER_BATCH) -> int:
    """Hand the events due now to the workers, one task each, over one broker connection.
    Marked handed before publishing: an event whose message is lost is handed again after
    the lease."""
    ids = webhooks_claim(limit=limit)
    if ids:
        task = current_app.tasks[DELIVER_TASK]
        with current_app.producer_or_acquire() as producer:
            for pk in ids:
                task.apply_async((pk,), producer=producer)
    return len(ids)


def event_body(delivery: WebhookDelivery) -> bytes:
    """The JSON sent: the stored event, with the signer's contact data for a webhook allowed
    it."""
    payload = delivery.payload
    if delivery.endpoint.receives_contact_data and delivery.signature_id:
        contact = contact_data(delivery.signature)
        payload = {**payload, "data": {**payload["data"], "contact": contact}}
    return json.dumps(payload, cls=DjangoJSONEncoder, separators=(",", ":")).encode()


def _post(delivery: WebhookDelivery) -> int:
    """POST the event and return the HTTP status; raises OSError when there is no answer."""
    body = event_body(delivery)
    headers = signed_headers(
        secret=delivery.endpoint.secret,
        msg_id=delivery.event_id,
        timestamp=int(timezone.now().timestamp()),
        body=body,
    )
    request = urllib.request.Request(
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={**headers, "Content-Type": "application/json", "User-Agent": "signon-webhooks"},
    )
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except HTTPException as error:
        raise OSError(str(error)) from error


@transaction.atomic
def webhook_deliver(*, delivery_id: int) -> str:
    """Attempt to deliver one owed event; returns "delivered", "retry", "failed" or "skipped"
    (delivered already, given up, not due, or in another worker's hands)."""
    delivery = (
        WebhookDelivery.objects.owed()
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("endpoint", "signature")
        .filter(pk=delivery_id, next_attempt_at__lte=timezone.now())
        .first()
    )
    if delivery is None:
        return "skipped"
    try:
        status = _post(delivery)
    except (OSError, ValueError) as error:  # no answer: refused, timed out, unreachable
        return _retry_later(delivery, f"no answer: {type(error).__name__}")
    if 200 <= status < 300:
        delivery.attempts += 1
        delivery.delivered_at = timezone.now()
        delivery.save(update_fields=["attempts", "delivered_at"])
        return "delivered"
    if status >= 500 or status in TEMPORARY_4XX:
        return _retry_later(delivery, f"HTTP {status}")
    return _give_up(delivery, f"HTTP {status}: refused for good")


def backoff_seconds(attempts: int) -> float:
    """The wait after the `attempts`th failed attempt: doubling, up to a ceiling."""
    base = settings.WEBHOOK_RETRY_BASE_SECONDS
    return min(base * 2 ** (attempts - 1), settings.WEBHOOK_RETRY_MAX_SECONDS)


def _retry_later(delivery, error):
    delivery.attempts += 1
    if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        return _give_up(delivery, f"{error}; gave up after {delivery.attempts} attempts")
    delivery.last_error = error[:255]
    delivery.next_attempt_at = timezone.now() + timedelta(
        seconds=backoff_seconds(delivery.attempts)
    )
    delivery.handed_at = None  # due again at next_attempt_at
    delivery.save(update_fields=["attempts", "last_error", "next_attempt_at", "handed_at"])
    logger.info("Webhook event to retry: %s", error, extra=delivery.log_ids())
    return "retry"


def _give_up(delivery, error):
    delivery.attempts = max(delivery.attempts, 1)
    delivery.failed_at = timezone.now()
    delivery.last_error = error[:255]
    delivery.save(update_fields=["attempts", "failed_at", "last_error"])
    logger.warning("Webhook event not delivered: %s", error, extra=delivery.log_ids())
    return "failed"
