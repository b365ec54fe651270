"""The moderators' digest: when signatures have waited for review longer than
MODERATION_DIGEST_AFTER_HOURS, each active moderator with an email is owed one email saying how
many wait, the oldest wait and the count per letter, with a link to the queue; at most one per
MODERATION_DIGEST_INTERVAL_HOURS. Like the signers' emails (see outbox) it is stored first,
delivered once, retried on a temporary failure, recorded on a permanent one, and handed to a
worker again while still owed.

It holds counts only: no signer's name, address or organization, since a moderator's mailbox
is not the admin. Moderators have no language of their own (a Django user has no such field),
so the digest is in the site's LANGUAGE_CODE."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone, translation

from config.site_url import absolute_url
from signatories.mail.outbox import owed_email_deliver, owed_emails_claim, templated_email
from signatories.models import ModeratorDigest, Signature
from signatories.moderation.moderators import MODERATORS_GROUP

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


def moderator_digest_deliver(*, digest_id: int) -> bool:
    """Send an owed digest once (see outbox.owed_email_deliver), if its moderator still has
    an email."""
    return owed_email_deliver(
        owed_emails=ModeratorDigest.objects.select_related("moderator").exclude(
            moderator__email=""
        ),
        pk=digest_id,
        build=build_digest_email,
        log_as="Moderation digest",
    )


def moderator_digests_requeue(*, limit: int = 100) -> list[int]:
    return owed_emails_claim(owed_emails=ModeratorDigest.objects.all(), limit=limit)


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
        return templated_email(_TEMPLATE, context, to=[digest.moderator.email])
