"""Sending the update emails owed (see update_mailing.py), at UPDATE_EMAILS_PER_MINUTE in
total however many workers run.

One dispatcher at a time: it holds a lock in the shared cache (Redis) while it sends, for at
most SLICE_SECONDS, spacing emails 60/UPDATE_EMAILS_PER_MINUTE seconds apart, then hands over
to the next run (the task enqueues itself while emails are owed). The time the next email may
leave is kept in the cache too, so a new slice continues the pace instead of bursting. If a
worker dies mid-slice, its lock expires after LOCK_SECONDS and the next run, enqueued by beat
every few seconds, takes over. The lock only keeps the pace: no email is sent twice even if
two dispatchers run, since each delivery is sent under its row lock (SKIP LOCKED) and then
marked sent (see update_mailer.py for the moment a worker dies)."""

import logging
import time
import uuid
from datetime import timedelta
from smtplib import SMTPDataError, SMTPRecipientsRefused

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from signatories.mail.outbox import DeliveryDeferred, classify, email_failure_record
from signatories.mail.updates import invitations
from signatories.mail.updates.emails import UpdateEmails
from signatories.mail.updates.invitations import (
    DEFERRED,
    INVITATION,
    REFUSED,
    SENT,
    SKIPPED,
    STOPPED,
)
from signatories.mail.updates.mailer import Mailer
from signatories.mail.updates.mailing import is_recipient
from signatories.models import UpdateDelivery

logger = logging.getLogger(__name__)

LOCK_KEY = "update-emails:dispatcher"
NEXT_AT_KEY = "update-emails:next-at"
SLICE_SECONDS = 5
LOCK_SECONDS = 15
BATCH = 50
# A temporary failure is tried again after 1, 2, 4... minutes (at most an hour), this many
# times in all; then it counts as failed for good.
MAX_ATTEMPTS = 8


def update_emails_dispatch() -> bool:
    """Send owed update emails for one slice, if no other dispatcher is sending. Returns
    whether emails are still owed (the task then runs again at once)."""
    token = uuid.uuid4().hex
    if not cache.add(LOCK_KEY, token, LOCK_SECONDS):
        return False
    try:
        return _slice()
    finally:
        if cache.get(LOCK_KEY) == token:
            cache.delete(LOCK_KEY)


def _owed_ids():
    """The next update deliveries owed; when none is, the next invitations (see invitations)."""
    now = timezone.now()
    owed = UpdateDelivery.objects.filter(
        send__paused=False, sent_at__isnull=True, failed_at__isnull=True
    ).filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    ids = list(owed.order_by("pk").values_list("pk", flat=True)[:BATCH])
    return ids or [(INVITATION, pk) for pk in invitations.owed_invitation_ids(limit=BATCH)]


def _slice():
    interval = 60.0 / max(1, settings.UPDATE_EMAILS_PER_MINUTE)
    deadline = time.monotonic() + SLICE_SECONDS
    # Wall-clock time, shared by every worker through the cache.
    next_at = max(cache.get(NEXT_AT_KEY) or 0.0, time.time())
    try:
        emails = UpdateEmails()
        with Mailer() as mailer:
            while ids := _owed_ids():
                for delivery_id in ids:
                    if time.monotonic() >= deadline:
                        return True
                    time.sleep(max(0.0, next_at - time.time()))
                    if isinstance(delivery_id, tuple):
                        outcome = invitations.invitation_send(notification_id=delivery_id[1])
                    else:
                        outcome = update_delivery_send(
                            delivery_id=delivery_id, mailer=mailer, emails=emails
                        )
                    if outcome == STOPPED:
                        return False  # the mail server is unreachable: beat tries later
                    if outcome != SKIPPED:
                        next_at = max(next_at, time.time() - interval) + interval
            return False
    finally:
        cache.set(NEXT_AT_KEY, next_at, 60)


# What sending reads: the delivery and the signer's address, language and current state.
_DELIVERY_FIELDS = [
    "update_id",
    "sent_at",
    "failed_at",
    "attempts",
    *(f"signature__{name}" for name in ("email", "language", "status", "wants_updates")),
]


def update_delivery_send(*, delivery_id: int, mailer, emails) -> str:
    """Send one owed update email, once (see update_mailer.py). Never logs an address."""
    with transaction.atomic():
        delivery = (
            UpdateDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("signature")
            .only(*_DELIVERY_FIELDS)
            .filter(pk=delivery_id, sent_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if delivery is None:
            return SKIPPED  # sent, or being sent by another dispatcher
        if not is_recipient(delivery.signature):
            _fail(delivery, "not sent: the signer no longer receives updates")
            return SKIPPED
        try:
            mailer.begin(emails.build(delivery))
        except OSError as error:
            return _failed(delivery, error)
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["sent_at"])
    try:
        mailer.finish()
    except OSError as error:
        # The server refused the message, or did not confirm it: not sent after all.
        with transaction.atomic():
            delivery.sent_at = None
            delivery.save(update_fields=["sent_at"])
            return _failed(delivery, error)
    return SENT


# The server's replies about this recipient or this message. Anything else (no connection,
# our login or sender refused) is about the server or our account: nothing is recorded
# against the delivery, so a misconfigured server cannot mark the whole list as refused.
RECIPIENT_ERRORS = (SMTPRecipientsRefused, SMTPDataError)


def _failed(delivery, error):
    if not isinstance(error, RECIPIENT_ERRORS):
        logger.warning("Update emails stopped: %s", classify(error))
        return STOPPED  # beat wakes the dispatcher again in a few seconds
    outcome = classify(error)
    if not isinstance(outcome, DeliveryDeferred):
        _fail(delivery, str(outcome))
        return REFUSED
    delivery.attempts += 1
    if delivery.attempts >= MAX_ATTEMPTS:
        _fail(delivery, f"gave up after {delivery.attempts} attempts: {outcome}")
        return REFUSED
    wait = min(60 * 2 ** (delivery.attempts - 1), 3600)
    delivery.next_attempt_at = timezone.now() + timedelta(seconds=wait)
    delivery.save(update_fields=["attempts", "next_attempt_at"])
    logger.info("Update email %s deferred: %s", delivery.pk, outcome)
    return DEFERRED


def _fail(delivery, reason):
    email_failure_record(delivery, reason=reason, log="Update email %s not sent: %s")
