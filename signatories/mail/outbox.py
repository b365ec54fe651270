"""The outbox: the emails owed to signers, stored in the transaction of the change that owes
them, handed to a worker once it commits, built from templates, delivered once, and handed
again to a worker while still owed. How the emails are built is in messages.py; what a failed
delivery means, in failures.py."""

import logging
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from signatories.mail.failures import DeliveryDeferred, DeliveryRefused, classify
from signatories.mail.messages import build_email, render_email, templated_email
from signatories.models import Notification, Signature

__all__ = ["DeliveryDeferred", "DeliveryRefused", "build_email", "render_email", "templated_email"]

logger = logging.getLogger(__name__)

# Emails anyone can make the site send by typing an address into a form, and the
# invitations an import of a list sends: an address's allowance holds whoever asks.
PUBLIC_KINDS = (
    Notification.Kind.CONFIRM,
    Notification.Kind.ALREADY_SIGNED,
    Notification.Kind.WITHDRAW_CONFIRM,
    Notification.Kind.INVITE,
)
ALLOWANCE_WINDOW = timedelta(hours=24)
UNDELIVERABLE_SUFFIX = ".invalid"


def notification_owe(*, signature, kind: str, asked_by_public: bool = False) -> Notification | None:
    """Store the email owed. The outbox dispatcher in each Celery worker (mail/worker.py)
    hands it to a worker within OUTBOX_POLL_SECONDS: the request that owes it publishes
    nothing to the broker. Where tasks run eagerly (the embedded default, no worker), it is
    sent once the transaction has committed.
    A signature a moderator entered from a paper form has no address: nothing is owed; nor
    to an address under `.invalid`, which RFC 2606 reserves for names sure never to exist
    (the demo signatures'). An email the public triggered is owed only within the
    recipient's allowance, so that the site cannot be used to flood an address."""
    if not signature.email or signature.email.lower().endswith(UNDELIVERABLE_SUFFIX):
        return None
    if asked_by_public and not within_allowance(signature.email):
        return None
    notification = Notification.objects.create(signature=signature, kind=kind)
    notification_owed(notification)
    return notification


def notification_owed(notification):
    """Called once an owed email is stored: where tasks run eagerly (no worker, hence no
    dispatcher), it is sent as soon as its transaction has committed."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        transaction.on_commit(lambda: _deliver_eagerly(notification.pk))


# The task that delivers an owed email, by its registered name: the outbox sits below the
# tasks (which call it), so it reaches the task through Celery's registry, not an import.
DELIVER_TASK = "signatories.tasks.deliver_notification"
DELIVER_BATCH_TASK = "signatories.tasks.deliver_notifications"


def _deliver_eagerly(pk):
    # The notification is committed: if sending fails it stays unsent in the database rather
    # than turning the signer's successful submission into an error page.
    try:
        current_app.tasks[DELIVER_TASK].delay(pk)
    except Exception:
        logger.exception("Could not send %s for %s; it stays in the outbox", DELIVER_TASK, pk)


HAND_OVER_BATCH = 500
# Emails one task delivers over one connection to the mail server: few enough that the
# workers share a burst between them.
DELIVERY_BATCH = 10


def notifications_hand_over(*, limit: int = HAND_OVER_BATCH) -> int:
    """Hand to the workers, in tasks of DELIVERY_BATCH, at most `limit` notifications: those
    owed and not handed yet, and those handed NOTIFICATION_RESEND_AFTER_SECONDS ago and still
    owed (their message was lost with the broker, or their retries ran out). Returns how
    many. Each is marked handed before it is published: if publishing fails, it is handed
    again after the wait, and a delivery run twice sends once (owed_email_deliver)."""
    # Invitations are sent at the update emails' pace, by their dispatcher (mail/updates/).
    owed = Notification.objects.exclude(kind=Notification.Kind.INVITE)
    ids = owed_emails_claim(owed_emails=owed, limit=limit, new_ones=True)
    if ids:
        task = current_app.tasks[DELIVER_BATCH_TASK]
        # One connection to the broker for all of them.
        with current_app.producer_or_acquire() as producer:
            for start in range(0, len(ids), DELIVERY_BATCH):
                task.apply_async((ids[start : start + DELIVERY_BATCH],), producer=producer)
    return len(ids)


def notifications_deliver(*, notification_ids: list[int]) -> list[int]:
    """Send each of these owed emails once, over one connection to the mail server (opening
    one per email cost the worker, and the server, more than building the email). Returns
    the ids of those that could not be sent now, for the caller to retry one by one; if the
    mail server cannot be reached at all, that is all of them."""
    deferred = []
    try:
        mail_server = get_connection()
        mail_server.open()
    except OSError:
        return list(notification_ids)
    try:
        for pk in notification_ids:
            try:
                notification_deliver(notification_id=pk, mail_server=mail_server)
            except DeliveryDeferred:
                deferred.append(pk)
    finally:
        mail_server.close()
    return deferred


def within_allowance(email: str) -> bool:
    """Whether this address may be sent one more email the public asked for: at most
    EMAILS_PER_RECIPIENT in ALLOWANCE_WINDOW, across all letters. Counted in the outbox, so
    the limit holds across processes and restarts and needs no copy of the address."""
    with connection.cursor() as cursor:
        cursor.execute(*allowance_count_sql(email))
        (recent,) = cursor.fetchone()
    return recent < settings.EMAILS_PER_RECIPIENT


def addresses_within_allowance(emails) -> set[str]:
    """Those of `emails` (lower-cased) that may be sent one more email now, as
    within_allowance says of each, in one query for all of them (an import's invitations)."""
    emails = {email.lower() for email in emails if email}
    since = timezone.now() - ALLOWANCE_WINDOW
    used = (
        Notification.objects.filter(kind__in=PUBLIC_KINDS, created_at__gte=since)
        .annotate(email=Lower("signature__email"))
        .filter(email__in=emails)
        .values("email")
        .annotate(n=Count("pk"))
    )
    spent = {row["email"] for row in used if row["n"] >= settings.EMAILS_PER_RECIPIENT}
    return emails - spent


def allowance_count_sql(email: str) -> tuple[str, list]:
    """The query counting the emails the public made the site send this address in the
    window, and its parameters (a sign-on runs it inside its INSERT: submission.py)."""
    since = connection.ops.adapt_datetimefield_value(timezone.now() - ALLOWANCE_WINDOW)
    return _allowance_sql(), [*PUBLIC_KINDS, since, email]


# Every sign-on POST runs this query, so it is written out: building it through the ORM
# took more of a POST's CPU time than anything else it does (about 1 ms of 6). Addresses are
# compared as the unique constraint compares them (lower-cased, blank excluded), so that
# the constraint's index finds the address's signatures; each one's emails are then counted
# through the index on their signature, in a subquery the planner cannot turn into a join.
# As a join, a planner that believed the outbox empty (at a launch, before autovacuum has
# analysed it) scanned every email owed for every sign-on, slower with each one.
def _allowance_sql():
    quote = connection.ops.quote_name
    return (
        f"SELECT coalesce(sum((SELECT count(*) FROM {quote(Notification._meta.db_table)} n"
        " WHERE n.signature_id = s.id"
        f" AND n.kind IN ({', '.join(['%s'] * len(PUBLIC_KINDS))}) AND n.created_at >= %s)), 0)"
        f" FROM {quote(Signature._meta.db_table)} s"
        " WHERE lower(s.email) = lower(%s) AND NOT s.email = ''"
    )


def notification_deliver(*, notification_id: int, mail_server=None) -> bool:
    """Send an owed email to a signer once (see owed_email_deliver), over `mail_server` (an
    open connection a batch shares) or, without one, a connection of its own."""

    def build(notification):
        message = build_email(notification)
        message.connection = mail_server  # None: Django opens one for this email
        return message

    return owed_email_deliver(
        owed_emails=Notification.objects.select_related("signature__letter"),
        pk=notification_id,
        build=build,
        log_as="Notification",
    )


# Any email stored before it is sent (an OwedEmail: a notification, a moderator's digest)
# is delivered and handed again to a worker by these two.


@transaction.atomic
def owed_email_deliver(*, owed_emails: QuerySet, pk: int, build, log_as: str) -> bool:
    """Send the owed email `pk` of `owed_emails`, built by `build`, once. The row lock makes a
    second, concurrent run wait and then find it sent. A temporary failure rolls back, leaves
    it owed and raises DeliveryDeferred for the task to retry; a permanent refusal is recorded
    and the email never tried again. Neither lets the recipient's address reach a log."""
    owed = (
        owed_emails.select_for_update()
        .filter(pk=pk, sent_at__isnull=True, failed_at__isnull=True)
        .first()
    )
    if owed is None:
        return False
    try:
        build(owed).send()
    except OSError as error:  # smtplib's errors and the connection's
        outcome = classify(error)
        if isinstance(outcome, DeliveryDeferred):
            raise outcome from None
        email_failure_record(
            owed, reason=str(outcome), log=f"{log_as} %s refused by the mail server: %s"
        )
        return False
    owed.sent_at = timezone.now()
    owed.save(update_fields=["sent_at"])
    return True


@transaction.atomic
def owed_emails_claim(*, owed_emails: QuerySet, limit: int, new_ones: bool = False) -> list[int]:
    """Mark handed and return the ids of `owed_emails` still owed and not handed to a worker
    for NOTIFICATION_RESEND_AFTER_SECONDS, for the caller to hand them (again); with
    `new_ones`, also those never handed, however recent. Emails the mail server refused for
    good are not owed any more. Rows another claim or a delivery holds are skipped, so two
    dispatchers never hand the same email at once."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.NOTIFICATION_RESEND_AFTER_SECONDS)
    waited = Q(requeued_at__lt=cutoff) | Q(requeued_at__isnull=True, created_at__lt=cutoff)
    if new_ones:
        waited |= Q(requeued_at__isnull=True)
    owed = owed_emails.filter(waited, sent_at__isnull=True, failed_at__isnull=True)
    ids = list(
        owed.order_by("created_at")
        .select_for_update(skip_locked=True)
        .values_list("pk", flat=True)[:limit]
    )
    owed_emails.filter(pk__in=ids).update(requeued_at=now)
    return ids


def email_failure_record(email_row, *, reason: str, log: str) -> None:
    """Record on an email's row (an owed email or an update delivery) that it will never be
    sent, and why, for the moderators to see; log it by its ids. The reason holds no address
    (see classify)."""
    email_row.failed_at = timezone.now()
    email_row.failure = reason[:255]
    email_row.save(update_fields=["failed_at", "failure"])
    logger.warning(log, email_row.pk, reason, extra=email_row.log_ids())
