"""The events owed to the webhooks: what each says of a signature, stored for every active
endpoint in the transaction of the step it reports."""

import logging
import uuid

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from signatories.models import Signature, SignatureEvent, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

# The steps in a signature's life other systems are told of, and the event each becomes.
EVENT_TYPES = {
    SignatureEvent.Action.CONFIRMED: "signature.confirmed",
    SignatureEvent.Action.APPROVED: "signature.approved",
    SignatureEvent.Action.REJECTED: "signature.rejected",
    SignatureEvent.Action.WITHDRAWN: "signature.withdrawn",
    SignatureEvent.Action.CORRECTED: "signature.corrected",
    SignatureEvent.Action.SIGNER_CORRECTED: "signature.corrected",
}
TEST_EVENT = "webhook.test"
# The task that delivers one event, by its registered name (signatories/tasks.py).
DELIVER_TASK = "signatories.tasks.deliver_webhook"


def _when(value):
    return value.isoformat() if value else None


def signature_data(signature: Signature) -> dict:
    """What any webhook is told of a signature: the fields the public may see (an
    organization listed without its name is not named), its partner, its answers."""
    named = signature.listing == Signature.Listing.NAMED
    partner = signature.partner
    return {
        "id": signature.pk,
        "letter": signature.letter.slug,
        "organization": signature.organization if named else None,
        "country": str(signature.country),
        "scope": signature.scope,
        "website": signature.website if named else "",
        "listing": signature.listing,
        "status": signature.status,
        "language": signature.language,
        "submitted_at": _when(signature.created_at),
        "confirmed_at": _when(signature.confirmed_at),
        "decided_at": _when(signature.decided_at),
        "withdrawn_at": _when(signature.withdrawn_at),
        "partner": {"code": partner.code, "name": partner.name} if partner else None,
        "answers": _answers(signature),
    }


def _answers(signature: Signature) -> list[dict]:
    """The answers to the letter's own questions, each with the wording the signer answered
    and whether the question's answers are public; several choices of one question together."""
    by_question = {}
    answers = signature.answers.select_related("question").order_by("question__position", "pk")
    for answer in answers:
        entry = by_question.setdefault(
            answer.question_id,
            {"question": answer.label, "public": answer.question.public, "values": []},
        )
        entry["values"].append(answer.value)
    return list(by_question.values())


def contact_data(signature: Signature | None) -> dict | None:
    """Added when sending, for a webhook allowed contact data only: read from the signature
    then, so that contact data erased meanwhile is not sent."""
    if signature is None or not signature.email:
        return None
    return {
        "organization": signature.organization,
        "website": signature.website,
        "contact_name": signature.contact_name,
        "contact_role": signature.contact_role,
        "email": signature.email,
    }


def webhook_events_owe(*, signature: Signature, action: str, details: dict) -> int:
    """Owe every active webhook the event for this step, if it is one they are told of.
    Called by the audit trail inside the service's transaction. Returns how many."""
    event_type = EVENT_TYPES.get(action)
    if event_type is None:
        return 0
    # Most sites have no webhook: then a step costs one small query, and builds nothing.
    endpoints = list(WebhookEndpoint.objects.filter(active=True).values_list("pk", flat=True))
    if not endpoints:
        return 0
    data = {"signature": signature_data(signature)}
    if action in (SignatureEvent.Action.CORRECTED, SignatureEvent.Action.SIGNER_CORRECTED):
        data["changes"] = _public_changes(signature, details.get("changes", {}))
    return len(_owe(endpoints, event_type, data, signature))


# What a signer's correction may change besides how the organization appears: contact data,
# which an event never holds.
_CONTACT_FIELDS = ("contact_name", "contact_role")


def _public_changes(signature, changes):
    hidden = _CONTACT_FIELDS
    if signature.listing != Signature.Listing.NAMED or "listing" in changes:
        hidden = (*hidden, "organization", "website")
    return {field: pair for field, pair in changes.items() if field not in hidden}


def webhook_test_owe(*, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """The "send a test event" button: one event of type webhook.test to this endpoint."""
    data = {"message": "A test event: this webhook is set up."}
    return _owe([endpoint.pk], TEST_EVENT, data, None)[0]


def _owe(endpoint_ids, event_type, data, signature):
    now = timezone.now()
    event_id = f"msg_{uuid.uuid4().hex}"
    payload = {"type": event_type, "timestamp": now.isoformat(), "data": data}
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint_id=pk,
            event_id=event_id,
            event_type=event_type,
            payload=payload,
            signature=signature,
            next_attempt_at=now,
        )
        for pk in endpoint_ids
    )
    if settings.CELERY_TASK_ALWAYS_EAGER and deliveries:
        # No worker, hence no dispatcher: delivered once the change has committed.
        ids = [delivery.pk for delivery in deliveries]
        transaction.on_commit(lambda: _deliver_eagerly(ids))
    return deliveries


def _deliver_eagerly(ids):
    # The task module sits above this one: reached through Celery's registry, by name.
    for pk in ids:
        try:
            current_app.tasks[DELIVER_TASK].delay(pk)
        except Exception:
            # It stays owed, and the change that owed it is never turned into an error page.
            logger.exception("Could not deliver webhook event %s; it stays owed", pk)
