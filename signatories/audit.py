"""The audit trail moderators read: one event per step in a signature's life, and one log
line with ids only (an event's details may name an organization or a reason)."""

import logging

from signatories.models import SignatureEvent
from signatories.webhooks.events import webhook_events_owe

moderation_log = logging.getLogger("signon.moderation")


def event_record(*, signature, action: str, actor=None, **details) -> SignatureEvent:
    """Store one step in the signature's trail, by `actor` (None: the signer or the system).
    Called by the services, inside their transaction, which also owes the webhooks their
    event for it: every step recorded is one the coalition's other systems may be told of."""
    event = SignatureEvent.objects.create(
        signature=signature, action=action, actor=actor, details=details
    )
    event_logged(event)
    webhook_events_owe(signature=signature, action=action, details=details)
    return event


def event_logged(event: SignatureEvent) -> None:
    """The log line of a stored event: ids only."""
    moderation_log.info(
        "signature event",
        extra={
            "action": str(event.action),
            "signature_id": event.signature_id,
            "letter_id": event.signature.letter_id,
            "actor_id": event.actor_id,
        },
    )
