import logging

from celery import shared_task
from django.db import transaction

from signatories.mail import outbox
from signatories.mail.outbox import DeliveryDeferred
from signatories.mail.updates import dispatch as update_dispatch
from signatories.mail.updates import mailing as update_mailing
from signatories.moderation import digests
from signatories.public import stored_exports
from signatories.signing import links, retention
from signatories.webhooks import delivery as webhook_delivery
from signatories.webhooks.events import DELIVER_TASK as DELIVER_WEBHOOK_TASK

logger = logging.getLogger(__name__)

# What Celery's logs, events and monitoring show instead of an email address. Not empty:
# Celery falls back to the real arguments when it is.
_HIDDEN_ARGS = "('<email address>',)"
# A request for a new link still queued after this many seconds is dropped: the signer has
# long moved on, and a backlog would otherwise end in a burst of emails.
_NEW_LINK_EXPIRES = 3600


# The delivery of an owed email retries only temporary failures, a bounded number of times
# (beat hands an email still owed to a worker again later); a permanent refusal is recorded
# by the service and not raised.
_RETRY_DEFERRED = {
    "autoretry_for": (DeliveryDeferred,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 10,
}


@shared_task(name=outbox.DELIVER_TASK, **_RETRY_DEFERRED)
def deliver_notification(notification_id):
    outbox.notification_deliver(notification_id=notification_id)


@shared_task(name=outbox.DELIVER_BATCH_TASK)
def deliver_notifications(notification_ids):
    """Owed emails handed over together by the outbox dispatcher, sent over one connection;
    each one that could not be sent now is retried on its own, with backoff."""
    for notification_id in outbox.notifications_deliver(notification_ids=notification_ids):
        deliver_notification.apply_async((notification_id,), countdown=1)


@shared_task(**_RETRY_DEFERRED)
def deliver_moderator_digest(digest_id):
    digests.moderator_digest_deliver(digest_id=digest_id)


@shared_task
def send_moderation_digests():
    """Owe the moderators a digest when signatures have waited too long, and hand to a worker
    the digests still owed: new ones, and older ones whose delivery was lost or ran out of
    retries. Run twice, it owes and sends one digest per moderator and period."""
    for digest_id in digests.moderator_digests_owe() + digests.moderator_digests_requeue():
        deliver_moderator_digest.delay(digest_id)


@shared_task
def purge_contact_data():
    retention.contact_data_purge()


@shared_task
def send_new_link(email):
    links.signature_resend_confirmation(email=email)


def send_new_link_later(email):
    """Hand a "new link" request to a worker whatever the address: the page answers in the
    same time whether or not it has signed. The address never reaches a log."""
    transaction.on_commit(lambda: _enqueue_new_link(email))


def _enqueue_new_link(email):
    try:
        send_new_link.apply_async(
            args=[email], argsrepr=_HIDDEN_ARGS, kwargsrepr="{}", expires=_NEW_LINK_EXPIRES
        )
    except Exception:
        # The broker is down: the signer sees the usual page and may ask again later.
        logger.warning("Could not enqueue a new-link request")


@shared_task(name=update_mailing.DISPATCH_TASK)
def dispatch_update_emails():
    """Send update emails for a few seconds; run again at once while some are owed. Beat
    also runs it every few seconds, in case a worker died holding the chain."""
    if update_dispatch.update_emails_dispatch():
        dispatch_update_emails.delay()


@shared_task(name=stored_exports.BUILD_TASK)
def build_public_export(letter_id, kind, language=""):
    """Build a big letter's export for its current public version (idempotent: a copy of that
    version already stored is kept), then let the next request ask again."""
    try:
        stored_exports.public_export_build(letter_id=letter_id, kind=kind, language=language)
    finally:
        stored_exports.public_export_release(letter_id=letter_id, kind=kind, language=language)


@shared_task(name=DELIVER_WEBHOOK_TASK)
def deliver_webhook(delivery_id):
    """One attempt; its retries are scheduled in the row (next_attempt_at) and handed over by
    the dispatcher, so they survive a worker's restart."""
    webhook_delivery.webhook_deliver(delivery_id=delivery_id)
