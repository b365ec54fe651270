"""The outbox: the emails owed to signers, stored in the transaction of the change that owes
them, handed to a worker once it commits, built from templates, delivered once, and handed
again to a worker while still owed.

What a failed delivery means: a mail server that refuses a message for good (a 5xx reply)
will refuse it again, so it is recorded and never retried; anything else (a 4xx reply, a
server down or unreachable) may pass later, so the task retries it. Mail servers quote the
refused address in their replies, and smtplib quotes it in its exceptions: neither may reach
a log, so both leave here with every address removed."""

import logging
import re
from datetime import timedelta
from smtplib import SMTPAuthenticationError, SMTPRecipientsRefused, SMTPResponseException

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from config.log_privacy import scrub
from config.site_url import absolute_url
from letter.coalition import coalition_identity

from .models import Notification, Signature
from .tokens import make_confirm_token, make_withdraw_token

logger = logging.getLogger(__name__)

# Emails anyone can make the site send by typing an address into a form.
PUBLIC_KINDS = (Notification.Kind.CONFIRM, Notification.Kind.ALREADY_SIGNED)
ALLOWANCE_WINDOW = timedelta(hours=24)


def notification_owe(*, signature, kind: str, asked_by_public: bool = False) -> Notification | None:
    """Store the email owed. The outbox dispatcher in each Celery worker (signatories/worker.py)
    hands it to a worker within OUTBOX_POLL_SECONDS: the request that owes it publishes
    nothing to the broker. Where tasks run eagerly (the embedded default, no worker), it is
    sent once the transaction has committed.
    A signature a moderator entered from a paper form has no address: nothing is owed. An
    email the public triggered is owed only within the recipient's allowance, so that the
    site cannot be used to flood an address."""
    if not signature.email or (asked_by_public and not within_allowance(signature.email)):
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
    ids = owed_emails_claim(owed_emails=Notification.objects.all(), limit=limit, new_ones=True)
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


# Building the emails: text and HTML from templates named after the email's kind
# (signatories/email/<kind>_subject.txt, _body.txt, _body.html), absolute links.


def _context(notification):
    signature = notification.signature
    token = make_confirm_token(signature.pk, signature.revision)
    return {
        "signature": signature,
        "letter_text": signature.letter.translated(translation.get_language()),
        "letter_url": absolute_url(signature.letter.get_absolute_url()),
        "confirm_url": absolute_url(reverse("signatories:confirm", kwargs={"token": token})),
        "withdraw_url": absolute_url(
            reverse("signatories:withdraw", kwargs={"token": make_withdraw_token(signature.pk)})
        ),
        "confirm_max_age_days": settings.SIGNATURE_CONFIRM_MAX_AGE // 86400,
        "reason": signature.rejection_reason,
        "coalition": coalition_identity(),
        "privacy_url": absolute_url(reverse("letter:privacy")),
    }


def build_email(notification):
    """The email, in the language the signer used on the form."""
    with translation.override(notification.signature.language):
        return _build_email(notification)


def _build_email(notification):
    context = _context(notification)
    return templated_email(
        f"signatories/email/{notification.kind}",
        context,
        to=[notification.signature.email],
        # A signer's reply reaches the coalition, not the no-reply sender.
        reply_to=[context["coalition"].contact_email] if context["coalition"].contact_email else [],
    )


def templated_email(template, context, *, to, reply_to=None) -> EmailMultiAlternatives:
    """The email of the templates <template>_subject.txt, _body.txt and _body.html."""
    subject, text, html = render_email(template, context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
    )
    message.attach_alternative(html, "text/html")
    return message


def render_email(template, context) -> tuple[str, str, str]:
    """The subject, text and HTML of the templates <template>_subject.txt, _body.txt and
    _body.html. A subject is one line whatever a template or a signer's input holds."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}_body.txt", context)
    return subject, text, render_to_string(f"{template}_body.html", context)


# What a failed delivery means (see the module's docstring).
class DeliveryDeferred(Exception):
    """The email could not be sent now and may be later: the task retries it. Its text names
    the mail server's reply code and words, never an address."""


class DeliveryRefused(Exception):
    """The mail server refused the email for good."""


def classify(error: OSError) -> Exception:
    """DeliveryRefused for a permanent refusal, DeliveryDeferred for anything else, each with
    the reply (code and words) and no address. Raise it `from None`: the original exception,
    chained, would print the address in the traceback."""
    code, words = _reply(error)
    reply = _one_line(f"{code} {words}" if code else f"{type(error).__name__}: {words}")
    # A refused login is the operator's to fix, after which every email owed should go out.
    if code and 500 <= code < 600 and not isinstance(error, SMTPAuthenticationError):
        return DeliveryRefused(reply)
    return DeliveryDeferred(reply)


def _reply(error):
    if isinstance(error, SMTPRecipientsRefused):
        # One recipient per email: the dict holds its (code, words).
        code, words = next(iter(error.recipients.values()), (None, b""))
        return code, _text(words)
    if isinstance(error, SMTPResponseException):
        return error.smtp_code, _text(error.smtp_error)
    return None, str(error)


def _text(words):
    return words.decode("utf-8", "replace") if isinstance(words, bytes) else str(words)


def _one_line(text):
    return scrub(re.sub(r"\s+", " ", text).strip())[:255]
