"""What the review queue and the review page read: which signature comes next, where one
stands in the queue, which letters and countries the queue holds. Nothing here writes."""

from dataclasses import dataclass

from django.db.models import Count, Q

from signatories.models import Signature

# Oldest first: the signer who confirmed first has waited longest.
QUEUE_ORDER = ("confirmed_at", "created_at", "pk")


def letters_awaiting_review():
    """How many letters have signatures awaiting review, counted up to two: all the queue
    needs to know is whether there is more than one."""
    letters = Signature.objects.awaiting_review().order_by().values("letter_id").distinct()
    return len(letters[:2])


def countries_present(queryset):
    """{country code: count} of the signatures in `queryset`, in one grouped query."""
    rows = queryset.order_by().values("country").annotate(n=Count("pk"))
    return {row["country"]: row["n"] for row in rows}


def next_awaiting_review(*, skipped=()):
    """The signature that has waited longest for review, apart from those skipped; None when
    none is left."""
    queue = Signature.objects.awaiting_review().exclude(pk__in=list(skipped))
    return queue.order_by(*QUEUE_ORDER).select_related("letter").first()


@dataclass(frozen=True)
class QueuePosition:
    position: int | None  # 1 for the oldest; None when the signature is not in the queue
    waiting: int  # signatures awaiting review, this one included


def queue_position(signature):
    """Where `signature` stands in the queue, oldest first, and how long the queue is: one
    query."""
    queue = Signature.objects.awaiting_review()
    if signature.status != Signature.Status.CONFIRMED:
        return QueuePosition(position=None, waiting=queue.count())
    ahead = _ahead_of(signature)
    counts = queue.aggregate(waiting=Count("pk"), ahead=Count("pk", filter=ahead))
    return QueuePosition(position=counts["ahead"] + 1, waiting=counts["waiting"])


def _ahead_of(signature):
    """The signatures that come before `signature` in QUEUE_ORDER (confirmed_at is set for
    every signature in the queue)."""
    confirmed, created = signature.confirmed_at, signature.created_at
    return (
        Q(confirmed_at__lt=confirmed)
        | Q(confirmed_at=confirmed, created_at__lt=created)
        | Q(confirmed_at=confirmed, created_at=created, pk__lt=signature.pk)
    )
