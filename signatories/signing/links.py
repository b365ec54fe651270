"""A new confirmation link, for a signer who asks for one by address or follows a link that
expired. Neither answer may reveal whether an address signed."""

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from signatories.mail import outbox
from signatories.models import Notification, Signature


@transaction.atomic
def signature_resend_confirmation(*, email: str) -> int:
    """Owe one fresh link to this address, for an unconfirmed signature on an open letter:
    the one sent a link least recently, so that asking again reaches each in turn. Returns
    how many (0 or 1); callers must not show it, so as not to reveal who signed."""
    signatures = (
        Signature.objects.with_email(email)
        .filter(status=Signature.Status.UNCONFIRMED)
        .select_related("letter")
        .annotate(last_sent=Max("notifications__created_at"))
        .order_by(F("last_sent").asc(nulls_first=True), "pk")
    )
    for signature in signatures:
        if signature.letter.is_open:
            return (
                1
                if outbox.notification_owe(
                    signature=signature, kind=Notification.Kind.CONFIRM, asked_by_public=True
                )
                else 0
            )
    return 0


@transaction.atomic
def signature_resend_for(*, signature_id: int) -> None:
    """Owe a fresh link to the signature an expired link named, if it still needs one and
    was not sent one within outbox.ALLOWANCE_WINDOW: replaying an expired link sends little."""
    signature = (
        Signature.objects.select_for_update()
        .filter(pk=signature_id, status=Signature.Status.UNCONFIRMED)
        .first()
    )
    if signature is None:
        return
    recently = signature.notifications.filter(
        kind__in=outbox.PUBLIC_KINDS, created_at__gte=timezone.now() - outbox.ALLOWANCE_WINDOW
    )
    if not recently.exists():
        outbox.notification_owe(
            signature=signature, kind=Notification.Kind.CONFIRM, asked_by_public=True
        )
