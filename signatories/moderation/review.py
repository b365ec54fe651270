"""The moderators' decisions on a signature: approve, reject, correct how it appears."""

from django.db import transaction
from django.utils import timezone

from letter.public_version import mark_published
from signatories.audit import event_record
from signatories.mail import outbox
from signatories.models import Notification, Signature, SignatureEvent
from signatories.signing.services import CORRECTABLE_FIELDS, IllegalTransition, lock

# Each decision: the status it gives and the statuses it may be taken from.
# A rejected signature may be reconsidered.
APPROVABLE = frozenset({Signature.Status.CONFIRMED, Signature.Status.REJECTED})

_DECISIONS = {
    "approve": (Signature.Status.APPROVED, APPROVABLE),
    "reject": (Signature.Status.REJECTED, {Signature.Status.CONFIRMED, Signature.Status.APPROVED}),
}


def _decide(signature, *, moderator, action, reason=""):
    new_status, allowed_from = _DECISIONS[action]
    signature = lock(signature)
    if signature.status not in allowed_from:
        raise IllegalTransition(signature, action)
    was_public = signature.status == Signature.Status.APPROVED
    signature.status = new_status
    signature.decided_at = timezone.now()
    signature.decided_by = moderator
    signature.rejection_reason = reason
    signature.save(update_fields=["status", "decided_at", "decided_by", "rejection_reason"])
    if was_public != (new_status == Signature.Status.APPROVED):
        mark_published(signature.letter_id)
    details = {"reason": reason} if reason else {}
    # A decision's event and email share its status's name.
    event_record(
        signature=signature, action=SignatureEvent.Action(new_status), actor=moderator, **details
    )
    outbox.notification_owe(signature=signature, kind=Notification.Kind(new_status))
    return signature


@transaction.atomic
def signature_approve(*, signature: Signature, moderator) -> Signature:
    """Make a confirmed signature public and tell the signer. A rejected one may be
    reconsidered."""
    return _decide(signature, moderator=moderator, action="approve")


@transaction.atomic
def signature_reject(*, signature: Signature, moderator, reason: str) -> Signature:
    """Keep a signature off the letter (an approved one leaves the public list) and tell the
    signer why."""
    if not reason.strip():
        raise ValueError("A rejection needs a reason.")
    return _decide(signature, moderator=moderator, action="reject", reason=reason.strip())


@transaction.atomic
def signature_correct(*, signature: Signature, moderator, changes: dict) -> Signature:
    """Change how the organization appears on the letter. What the signer submitted stays in
    `submitted`, and the audit trail keeps each value before and after."""
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not correctable: {', '.join(sorted(unknown))}")
    signature = lock(signature)
    before = {field: str(getattr(signature, field)) for field in changes}
    for field, value in changes.items():
        setattr(signature, field, value)
    after = {field: str(getattr(signature, field)) for field in changes}
    changed = {
        field: [before[field], after[field]] for field in changes if before[field] != after[field]
    }
    if changed:
        signature.save(update_fields=list(changed))
        event_record(
            signature=signature,
            action=SignatureEvent.Action.CORRECTED,
            actor=moderator,
            changes=changed,
        )
        if signature.status == Signature.Status.APPROVED:
            mark_published(signature.letter_id)
    return signature


@transaction.atomic
def signatures_mark_lead(*, signatures, lead: bool) -> int:
    """Mark (or unmark) signatures as the letter's lead signatories, named first on the
    letter page and the printable letter; returns how many changed."""
    changed = list(
        Signature.objects.filter(pk__in=[s.pk for s in signatures])
        .exclude(lead=lead)
        .select_for_update()
        .values_list("pk", "letter_id")
    )
    Signature.objects.filter(pk__in=[pk for pk, _letter in changed]).update(lead=lead)
    for letter_id in {letter_id for _pk, letter_id in changed}:
        mark_published(letter_id)
    return len(changed)
