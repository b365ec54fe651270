"""The moderators' digest: when signatures have waited for review longer than
MODERATION_DIGEST_AFTER_HOURS, each active moderator with an email is owed one email saying how
many wait, the oldest wait and the count per letter, with a link to the queue; at most one per
MODERATION_DIGEST_INTERVAL_HOURS. Like the signers' emails (see outbox) it is stored first,
delivered once, retried on a temporary failure, recorded on a permanent one, and handed to a
worker again while still owed.

It holds counts only: no signer's name, address or organization, since a moderator's mailbox
is not the admin. Moderators have no language of their own (a Django user has no such field),
so the digest is in the site's LANGUAGE_CODE."""

import logging
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from config.site_url import absolute_url

from .models import ModeratorDigest, Signature
from .moderators import MODERATORS_GROUP
from .outbox import DeliveryDeferred, classify

logger = logging.getLogger(__name__)

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def moderators_to_tell():
    """Active staff in the Moderators group, and superusers, who have an email."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    return users.filter(Q(groups__name=MODERATORS_GROUP) | Q(is_superuser=True)).distinct()


def period_start(now: datetime) -> datetime:
    """The start of the MODERATION_DIGEST_INTERVAL_HOURS period that `now` falls in: periods
    follow each other from a fixed origin, so every process computes the same one."""
    interval = timedelta(hours=settings.MODERATION_DIGEST_INTERVAL_HOURS)
    return _EPOCH + (now - _EPOCH) // interval * interval


def queue_summary(now: datetime) -> dict | None:
    """What a digest says, as counts; None when nothing waited long enough to tell anyone."""
    cutoff = now - timedelta(hours=settings.MODERATION_DIGEST_AFTER_HOURS)
    rows = list(
        Signature.objects.awaiting_review()
        .order_by()
        .values("letter_id", "letter__title")
        .annotate(
            waiting=Count("pk"),
            overdue=Count("pk", filter=Q(confirmed_at__lt=cutoff)),
            oldest=Min("confirmed_at"),
        )
    )
    overdue = sum(row["overdue"] for row in rows)
    if not overdue:
        return None
    rows.sort(key=lambda row: (-row["overdue"], -row["waiting"], row["letter__title"]))
    return {
        "waiting": sum(row["waiting"] for row in rows),
        "overdue": overdue,
        "after_hours": settings.MODERATION_DIGEST_AFTER_HOURS,
        "oldest_confirmed_at": min(row["oldest"] for row in rows).isoformat(),
        "letters": [
            {"title": row["letter__title"], "waiting": row["waiting"], "overdue": row["overdue"]}
            for row in rows
        ],
    }


@transaction.atomic
def moderator_digests_owe(*, now: datetime | None = None) -> list[int]:
    """Store a digest for each moderator to tell who was sent none in the last interval,
    and return the ids of this period's digests still owed, for the caller to hand to a
    worker. Two concurrent runs store one digest each at most: the database refuses a second
    for the same moderator and period."""
    now = now or timezone.now()
    content = queue_summary(now)
    if content is None:
        return []
    period = period_start(now)
    recent = now - timedelta(hours=settings.MODERATION_DIGEST_INTERVAL_HOURS)
    told = ModeratorDigest.objects.filter(created_at__gt=recent).values("moderator_id")
    owed = [
        ModeratorDigest(moderator=moderator, period_start=period, content=content)
        for moderator in moderators_to_tell().exclude(pk__in=told)
    ]
    ModeratorDigest.objects.bulk_create(owed, ignore_conflicts=True)
    # Those stored just now (by this run, or by one running at the same time): older ones
    # are the requeue's.
    stored = ModeratorDigest.objects.filter(period_start=period, created_at__gte=now)
    return list(stored.filter(sent_at__isnull=True).values_list("pk", flat=True))


@transaction.atomic
def moderator_digest_deliver(*, digest_id: int) -> bool:
    """Send an owed digest once (see outbox.notification_deliver: the same row lock and the
    same reading of the mail server's refusals)."""
    digest = (
        ModeratorDigest.objects.select_for_update()
        .select_related("moderator")
        .filter(pk=digest_id, sent_at__isnull=True, failed_at__isnull=True)
        .first()
    )
    if digest is None or not digest.moderator.email:
        return False
    try:
        build_digest_email(digest).send()
    except OSError as error:
        outcome = classify(error)
        if isinstance(outcome, DeliveryDeferred):
            raise outcome from None
        digest.failed_at, digest.failure = timezone.now(), str(outcome)
        digest.save(update_fields=["failed_at", "failure"])
        logger.warning("Moderation digest %s refused by the mail server: %s", digest.pk, outcome)
        return False
    digest.sent_at = timezone.now()
    digest.save(update_fields=["sent_at"])
    return True


@transaction.atomic
def moderator_digests_requeue(*, limit: int = 100) -> list[int]:
    """Mark and return the ids of digests still owed NOTIFICATION_RESEND_AFTER_SECONDS on and
    not handed to a worker in that time, for the caller to hand them again."""
    cutoff = timezone.now() - timedelta(seconds=settings.NOTIFICATION_RESEND_AFTER_SECONDS)
    owed = ModeratorDigest.objects.filter(
        sent_at__isnull=True, failed_at__isnull=True, created_at__lt=cutoff
    ).filter(Q(requeued_at__isnull=True) | Q(requeued_at__lt=cutoff))
    ids = list(owed.order_by("created_at").values_list("pk", flat=True)[:limit])
    ModeratorDigest.objects.filter(pk__in=ids).update(requeued_at=timezone.now())
    return ids


_TEMPLATE = "signatories/email/moderation_digest"


def build_digest_email(digest):
    content = digest.content
    context = {
        **content,
        "oldest_confirmed_at": datetime.fromisoformat(content["oldest_confirmed_at"]),
        "as_of": digest.created_at,
        "language": settings.LANGUAGE_CODE,
        "queue_url": absolute_url(reverse("admin:signatories_signature_changelist")),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{_TEMPLATE}_subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"{_TEMPLATE}_body.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[digest.moderator.email],
        )
        message.attach_alternative(render_to_string(f"{_TEMPLATE}_body.html", context), "text/html")
    return message
