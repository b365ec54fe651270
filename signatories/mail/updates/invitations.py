"""The invitations an import of signatories owes (Notification.Kind.INVITE), sent by the
update emails' dispatcher at its pace, after the updates owed: an import of hundreds of
contacts then leaves as an update does, never in one burst. Each is an owed email of the
outbox, delivered once as the outbox delivers (its row lock, then marked sent); one that
failed for now waits NOTIFICATION_RESEND_AFTER_SECONDS before its next try."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from signatories.mail.outbox import DeliveryDeferred, notification_deliver
from signatories.models import Notification

SENT, DEFERRED, REFUSED, SKIPPED, STOPPED = "sent", "deferred", "refused", "skipped", "stopped"
INVITATION = "invitation"


def owed_invitation_ids(*, limit: int) -> list[int]:
    cutoff = timezone.now() - timedelta(seconds=settings.NOTIFICATION_RESEND_AFTER_SECONDS)
    owed = Notification.objects.filter(
        Q(requeued_at__isnull=True) | Q(requeued_at__lt=cutoff),
        kind=Notification.Kind.INVITE,
        sent_at__isnull=True,
        failed_at__isnull=True,
    )
    return list(owed.order_by("pk").values_list("pk", flat=True)[:limit])


def invitation_send(*, notification_id: int) -> str:
    """Send one owed invitation, once; a temporary failure waits for its next try."""
    try:
        sent = notification_deliver(notification_id=notification_id)
    except DeliveryDeferred:
        Notification.objects.filter(pk=notification_id).update(requeued_at=timezone.now())
        return DEFERRED
    return SENT if sent else SKIPPED
