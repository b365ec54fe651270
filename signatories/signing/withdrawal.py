"""Withdrawing a signature from a link that may have been forwarded, and undoing it.

Every email to a signer carries a withdrawal link that never expires, and signers forward
those emails (the "you are listed" one above all). So that link only asks: the address that
signed is emailed a fresh link, valid for SIGNATURE_CONFIRM_MAX_AGE, that withdraws. Once
withdrawn, the signer is told by email (services.signature_withdraw), with a link that puts
the signature back where it was for WITHDRAWAL_UNDO_DAYS."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from letter.public_version import mark_published
from signatories.audit import event_record
from signatories.mail import outbox
from signatories.models import Notification, Signature, SignatureEvent
from signatories.signing.services import lock


class UndoNotAllowed(Exception):
    """Not withdrawn any more, withdrawn too long ago, or replaced by a later submission."""


@transaction.atomic
def withdrawal_request(*, signature: Signature) -> None:
    """Someone holding a withdrawal link asked to withdraw: the address that signed is sent
    the link that withdraws (within its allowance of emails the public can trigger)."""
    signature = lock(signature)
    if signature.status != Signature.Status.WITHDRAWN:
        outbox.notification_owe(
            signature=signature, kind=Notification.Kind.WITHDRAW_CONFIRM, asked_by_public=True
        )


def withdrawal_undoable(signature: Signature, revision: int) -> bool:
    """Whether an undo link made for `revision` may still put the signature back."""
    period = timedelta(days=settings.WITHDRAWAL_UNDO_DAYS)
    return (
        signature.status == Signature.Status.WITHDRAWN
        and signature.revision == revision
        and signature.withdrawn_at is not None
        and signature.withdrawn_at >= timezone.now() - period
    )


def _status_before_withdrawal(signature):
    event = signature.events.filter(action=SignatureEvent.Action.WITHDRAWN).last()
    previous = event.details.get("previous_status") if event else None
    if previous in Signature.Status.values and previous != Signature.Status.WITHDRAWN:
        return previous
    # Withdrawn before the event kept it: back to the moderators' queue, or to unconfirmed.
    return Signature.Status.CONFIRMED if signature.confirmed_at else Signature.Status.UNCONFIRMED


@transaction.atomic
def signature_withdrawal_undo(*, signature: Signature, revision: int) -> Signature:
    """The signer changed their mind: the signature is back in the status it had (listed
    again if it was approved)."""
    signature = lock(signature)
    if not withdrawal_undoable(signature, revision):
        raise UndoNotAllowed()
    signature.status = _status_before_withdrawal(signature)
    signature.withdrawn_at = None
    signature.save(update_fields=["status", "withdrawn_at"])
    if signature.status == Signature.Status.APPROVED:
        mark_published(signature.letter_id)
    event_record(
        signature=signature, action=SignatureEvent.Action.RESTORED, status=str(signature.status)
    )
    return signature
