"""Emailing an update to the signers who asked for updates: who receives it, starting,
pausing and resuming a send, its progress, and unsubscribing.

Pressing "send" stores one UpdateDelivery per recipient, in batches, in one transaction; the
database's unique constraint (update, signature) makes a second press, or a press racing
another, owe nobody the update twice. The rows are then sent by one dispatcher at a time
(update_dispatch.py), at UPDATE_EMAILS_PER_MINUTE."""

import logging

from celery import current_app
from django.db import transaction
from django.db.models import Count, Q

from signatories.audit import event_record
from signatories.models import Signature, SignatureEvent, UpdateDelivery, UpdateSend

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
# The dispatcher task, by its registered name (tasks sit above this module).
DISPATCH_TASK = "signatories.tasks.dispatch_update_emails"


def update_recipients(letter_id):
    """The signatures an update on this letter is owed to: approved (so neither rejected nor
    withdrawn), opted in and not unsubscribed since, with an address (none after the
    retention purge, nor for paper signatures)."""
    return (
        Signature.objects.public().filter(letter_id=letter_id, wants_updates=True).exclude(email="")
    )


def is_recipient(signature) -> bool:
    """Whether the signature is still owed updates (checked again just before sending)."""
    return (
        signature.status == Signature.Status.APPROVED
        and signature.wants_updates
        and bool(signature.email)
    )


@transaction.atomic
def update_send_start(*, update, started_by) -> tuple[UpdateSend, int]:
    """Owe the update to every recipient not owed it yet, and wake the dispatcher. Returns
    the send and how many recipients were added: 0 when pressed again, unless signers opted
    in meanwhile."""
    send, _created = UpdateSend.objects.get_or_create(
        update=update, defaults={"started_by": started_by}
    )
    # Presses of the button for one update queue up here, one after the other.
    send = UpdateSend.objects.select_for_update().get(pk=send.pk)
    new = (
        update_recipients(update.letter_id)
        .exclude(update_deliveries__update=update)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    added, batch = 0, []
    for signature_id in new.iterator(chunk_size=BATCH_SIZE):
        batch.append(UpdateDelivery(send=send, update=update, signature_id=signature_id))
        if len(batch) == BATCH_SIZE:
            added += _store(batch)
            batch = []
    added += _store(batch)
    transaction.on_commit(wake_dispatcher)
    return send, added


def _store(deliveries):
    # ignore_conflicts: a recipient already owed the update (a concurrent press) stays once.
    UpdateDelivery.objects.bulk_create(deliveries, ignore_conflicts=True)
    return len(deliveries)


@transaction.atomic
def update_send_pause(*, send: UpdateSend, paused: bool) -> UpdateSend:
    """Pause (nothing more is sent; what was sent stays sent) or resume a send."""
    UpdateSend.objects.filter(pk=send.pk).update(paused=paused)
    send.paused = paused
    if not paused:
        transaction.on_commit(wake_dispatcher)
    return send


def wake_dispatcher():
    try:
        current_app.tasks[DISPATCH_TASK].delay()
    except Exception:
        # Beat wakes the dispatcher every few seconds anyway: nothing owed is lost.
        logger.warning("Could not enqueue %s; beat will start it", DISPATCH_TASK)


def sends_with_progress():
    """Each send with how many recipients are still owed the update, were sent it, and
    could not be sent it for good (refused, or unsubscribed before their turn)."""
    return UpdateSend.objects.select_related("update__letter", "started_by").annotate(
        owed=Count(
            "deliveries",
            filter=Q(deliveries__sent_at__isnull=True) & Q(deliveries__failed_at__isnull=True),
        ),
        sent=Count("deliveries", filter=Q(deliveries__sent_at__isnull=False)),
        failed=Count("deliveries", filter=Q(deliveries__failed_at__isnull=False)),
    )


@transaction.atomic
def signature_unsubscribe(*, signature: Signature) -> Signature:
    """The signer wants no more updates about this letter; idempotent (mail providers may
    post the one-click unsubscribe more than once)."""
    signature = Signature.objects.select_for_update().get(pk=signature.pk)
    if signature.wants_updates:
        signature.wants_updates = False
        signature.save(update_fields=["wants_updates"])
        event_record(signature=signature, action=SignatureEvent.Action.UNSUBSCRIBED)
    return signature
