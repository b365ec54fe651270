"""Every change of a signature's state happens here, inside a transaction, after checking
that the change is allowed from the state the signature is in."""

import logging
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from letter.publication import mark_published

from . import outbox
from .blocking import blocked_reason
from .clients import address_hash
from .emails import build_email
from .models import Notification, Signature, SignatureEvent

logger = logging.getLogger(__name__)


class SigningClosed(Exception):
    """The letter does not accept signatures now."""


class IllegalTransition(Exception):
    def __init__(self, signature, action):
        super().__init__(
            f"Cannot {action} a signature that is {signature.get_status_display().lower()}."
        )
        self.signature = signature
        self.action = action


def normalize_text(value):
    """NFC and single spaces, so that one name has one spelling in the database."""
    return " ".join(unicodedata.normalize("NFC", value).split())


# What a moderator may correct in how an organization appears on the letter.
CORRECTABLE_FIELDS = ("organization", "country", "scope", "website", "listing")


moderation_log = logging.getLogger("signon.moderation")


def _public_fields(*, organization, country, scope, website, listing):
    """How a new signature appears on the letter, normalised; also kept as `submitted`."""
    return {
        "organization": normalize_text(organization),
        "country": str(country),
        "scope": scope,
        "website": website.strip(),
        "listing": listing,
    }


def _record(signature, action, actor=None, **details):
    event = SignatureEvent.objects.create(
        signature=signature, action=action, actor=actor, details=details
    )
    # Ids and the action only: the event's details may name an organization or a reason.
    moderation_log.info(
        "signature event",
        extra={
            "action": str(action),
            "signature_id": signature.pk,
            "letter_id": signature.letter_id,
            "actor_id": getattr(actor, "pk", None),
        },
    )
    return event


def _notify(signature, kind):
    """Store the email owed, then hand it to a worker once the transaction has committed."""
    from .tasks import deliver_notification

    if not signature.email:  # entered by a moderator from a paper form
        return None
    notification = Notification.objects.create(signature=signature, kind=kind)
    transaction.on_commit(lambda: _enqueue(deliver_notification, notification.pk))
    return notification


def _enqueue(task, pk):
    # The notification is committed: if the broker is unreachable it stays unsent in the
    # database rather than turning the signer's successful submission into an error page.
    try:
        task.delay(pk)
    except Exception:
        logger.exception("Could not enqueue %s for %s; it stays in the outbox", task.name, pk)


def _lock(signature):
    return Signature.objects.select_for_update().get(pk=signature.pk)


@transaction.atomic
def signature_submit(
    *,
    letter,
    organization: str,
    country: str,
    scope: str,
    website: str,
    contact_name: str,
    email: str,
    listing: str = Signature.Listing.NAMED,
    language: str = "en",
    client_address: str = "",
    bot_reason: str = "",
) -> Signature:
    """Store a new, unconfirmed signature and owe it a confirmation link. An address whose
    signature on this letter is unconfirmed or withdrawn replaces what it held and gets a
    link for the new values; a confirmed or decided one gets a note instead, so the answer
    never reveals who signed. A signature from a bot or a blocked source is stored as
    blocked: never emailed, never counted."""
    if not letter.is_open:
        raise SigningClosed(letter.signing_state())
    block = bot_reason or blocked_reason(email=email, address=client_address)
    fields = _public_fields(
        organization=organization, country=country, scope=scope, website=website, listing=listing
    )
    values = {
        **fields,
        "contact_name": normalize_text(contact_name),
        "email": email.strip(),
        "language": language,
        "client_hash": address_hash(client_address) if client_address else "",
        "consented_at": timezone.now(),
        "submitted": fields,
    }
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                letter=letter,
                **values,
                status=Signature.Status.BLOCKED if block else Signature.Status.UNCONFIRMED,
                blocked_reason=block[:200],
            )
    except IntegrityError:
        existing = (
            Signature.objects.with_email(values["email"])
            .filter(letter=letter)
            .select_for_update()
            .first()
        )
        if existing is None:
            raise
        if not block:
            _submit_again(existing, values)
        return existing
    _record(signature, SignatureEvent.Action.SUBMITTED)
    if block:
        _record(signature, SignatureEvent.Action.BLOCKED, reason=block)
    else:
        _notify_signer(signature, Notification.Kind.CONFIRM)
    return signature


# A signature nobody has confirmed (or that its signer took back) belongs to whoever next
# proves the address is theirs: otherwise whoever signs first with someone else's address
# would lock the real organization out.
REPLACEABLE = (
    Signature.Status.UNCONFIRMED,
    Signature.Status.WITHDRAWN,
    Signature.Status.BLOCKED,
)
# What a new submission replaces; the event keeps the values it replaced.
REPLACED_FIELDS = (*CORRECTABLE_FIELDS, "contact_name", "language")


def _submit_again(signature, values):
    if signature.status not in REPLACEABLE:
        _notify_signer(signature, Notification.Kind.ALREADY_SIGNED)
    elif _within_allowance(signature.email):
        # Past the allowance nothing changes: replacing the values without sending a link
        # would only break the link the address already holds.
        _replace(signature, values)
        _notify(signature, Notification.Kind.CONFIRM)


def _replace(signature, values):
    previous = {field: str(getattr(signature, field)) for field in REPLACED_FIELDS}
    previous_status = signature.status
    for field, value in values.items():
        setattr(signature, field, value)
    signature.status = Signature.Status.UNCONFIRMED
    signature.revision += 1
    signature.confirmed_at = signature.decided_at = signature.withdrawn_at = None
    signature.decided_by = None
    signature.rejection_reason = signature.blocked_reason = ""
    signature.save()
    _record(
        signature,
        SignatureEvent.Action.RESUBMITTED,
        previous=previous,
        previous_status=str(previous_status),
    )


# Emails anyone can make the site send by typing an address into a form.
PUBLIC_KINDS = (Notification.Kind.CONFIRM, Notification.Kind.ALREADY_SIGNED)
ALLOWANCE_WINDOW = timedelta(hours=24)


def _within_allowance(email):
    """Whether this address may be sent one more email the public asked for: at most
    EMAILS_PER_RECIPIENT in ALLOWANCE_WINDOW, across all letters. Counted in the outbox, so
    the limit holds across processes and restarts and needs no copy of the address."""
    recent = Notification.objects.filter(
        signature__email__iexact=email,
        kind__in=PUBLIC_KINDS,
        created_at__gte=timezone.now() - ALLOWANCE_WINDOW,
    )
    return recent.count() < settings.EMAILS_PER_RECIPIENT


def _notify_signer(signature, kind):
    """An email the public triggered: sent only within the recipient's allowance, so the
    site cannot be used to flood an address."""
    if signature.email and _within_allowance(signature.email):
        return _notify(signature, kind)
    return None


@transaction.atomic
def signature_resend_confirmation(*, email: str) -> int:
    """Owe one fresh link to this address, for an unconfirmed signature on an open letter:
    the one sent a link least recently, so that asking again reaches each in turn. Returns
    how many (0 or 1); callers must not show it, so as not to reveal who signed."""
    signatures = (
        Signature.objects.with_email(email.strip())
        .filter(status=Signature.Status.UNCONFIRMED)
        .select_related("letter")
        .annotate(last_sent=Max("notifications__created_at"))
        .order_by(F("last_sent").asc(nulls_first=True), "pk")
    )
    for signature in signatures:
        if signature.letter.is_open:
            return 1 if _notify_signer(signature, Notification.Kind.CONFIRM) else 0
    return 0


@transaction.atomic
def signature_resend_for(*, signature_id: int) -> None:
    """Owe a fresh link to the signature an expired link named, if it still needs one and
    was not sent one within ALLOWANCE_WINDOW: replaying an expired link sends little."""
    signature = (
        Signature.objects.select_for_update()
        .filter(pk=signature_id, status=Signature.Status.UNCONFIRMED)
        .first()
    )
    if signature is None:
        return
    recently = signature.notifications.filter(
        kind__in=PUBLIC_KINDS, created_at__gte=timezone.now() - ALLOWANCE_WINDOW
    )
    if not recently.exists():
        _notify_signer(signature, Notification.Kind.CONFIRM)


class LinkReplaced(Exception):
    """The confirmation link was sent for values that a later submission replaced."""


@transaction.atomic
def signature_confirm(*, signature: Signature, revision: int | None = None) -> Signature:
    """The signer proved the address is theirs: the signature now awaits review.
    Confirming again, or after a decision, changes nothing. A link naming an older
    revision than the signature's raises LinkReplaced."""
    signature = _lock(signature)
    if revision is not None and revision != signature.revision:
        raise LinkReplaced()
    if signature.status == Signature.Status.UNCONFIRMED:
        signature.status = Signature.Status.CONFIRMED
        signature.confirmed_at = timezone.now()
        signature.save(update_fields=["status", "confirmed_at"])
        _record(signature, SignatureEvent.Action.CONFIRMED)
    return signature


def _decide(signature, *, moderator, new_status, allowed_from, action, reason=""):
    signature = _lock(signature)
    if signature.status not in allowed_from:
        raise IllegalTransition(signature, action)
    was_public = signature.status == Signature.Status.APPROVED
    signature.status = new_status
    signature.decided_at = timezone.now()
    signature.decided_by = moderator
    signature.rejection_reason = reason
    signature.save(update_fields=["status", "decided_at", "decided_by", "rejection_reason"])
    if was_public != (new_status == Signature.Status.APPROVED):
        mark_published(signature.letter_id)
    details = {"reason": reason} if reason else {}
    # A decision's event and email share its status's name.
    _record(signature, SignatureEvent.Action(new_status), moderator, **details)
    _notify(signature, Notification.Kind(new_status))
    return signature


@transaction.atomic
def signature_approve(*, signature: Signature, moderator) -> Signature:
    """Make a confirmed signature public and tell the signer. A rejected one may be
    reconsidered."""
    return _decide(
        signature,
        moderator=moderator,
        new_status=Signature.Status.APPROVED,
        allowed_from={Signature.Status.CONFIRMED, Signature.Status.REJECTED},
        action="approve",
    )


@transaction.atomic
def signature_reject(*, signature: Signature, moderator, reason: str) -> Signature:
    """Keep a signature off the letter (an approved one leaves the public list) and tell the
    signer why."""
    if not reason.strip():
        raise ValueError("A rejection needs a reason.")
    return _decide(
        signature,
        moderator=moderator,
        new_status=Signature.Status.REJECTED,
        allowed_from={Signature.Status.CONFIRMED, Signature.Status.APPROVED},
        action="reject",
        reason=reason.strip(),
    )


@transaction.atomic
def signature_correct(*, signature: Signature, moderator, changes: dict) -> Signature:
    """Change how the organization appears on the letter. What the signer submitted stays in
    `submitted`, and the audit trail keeps each value before and after."""
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not correctable: {', '.join(sorted(unknown))}")
    signature = _lock(signature)
    if "organization" in changes:
        changes = {**changes, "organization": normalize_text(changes["organization"])}
    before = {field: str(getattr(signature, field)) for field in changes}
    for field, value in changes.items():
        setattr(signature, field, value)
    after = {field: str(getattr(signature, field)) for field in changes}
    changed = {
        field: [before[field], after[field]] for field in changes if before[field] != after[field]
    }
    if changed:
        signature.save(update_fields=list(changed))
        _record(signature, SignatureEvent.Action.CORRECTED, moderator, changes=changed)
        if signature.status == Signature.Status.APPROVED:
            mark_published(signature.letter_id)
    return signature


class DuplicateEmail(Exception):
    """This address has already signed this letter."""


@transaction.atomic
def signature_add_by_moderator(
    *,
    letter,
    moderator,
    organization: str,
    country: str,
    scope: str,
    website: str = "",
    listing: str = Signature.Listing.NAMED,
    contact_name: str = "",
    email: str = "",
) -> Signature:
    """Record a signature received by other means (email, paper) as approved, with no
    confirmation email: the moderator vouches for it."""
    now = timezone.now()
    fields = _public_fields(
        organization=organization, country=country, scope=scope, website=website, listing=listing
    )
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                letter=letter,
                **fields,
                contact_name=normalize_text(contact_name),
                email=email.strip(),
                consented_at=now,
                submitted=fields,
                added_by_moderator=True,
                status=Signature.Status.APPROVED,
                confirmed_at=now,
                decided_at=now,
                decided_by=moderator,
            )
    except IntegrityError as error:
        raise DuplicateEmail(email) from error
    _record(signature, SignatureEvent.Action.ADDED, moderator)
    mark_published(letter.pk)
    return signature


@transaction.atomic
def signature_withdraw(*, signature: Signature) -> Signature:
    """The signer takes the signature back; it leaves every public list at once."""
    signature = _lock(signature)
    if signature.status == Signature.Status.WITHDRAWN:
        raise IllegalTransition(signature, "withdraw")
    if signature.status == Signature.Status.APPROVED:
        mark_published(signature.letter_id)
    signature.status = Signature.Status.WITHDRAWN
    signature.withdrawn_at = timezone.now()
    signature.save(update_fields=["status", "withdrawn_at"])
    _record(signature, SignatureEvent.Action.WITHDRAWN)
    return signature


@transaction.atomic
def notification_deliver(*, notification_id: int) -> bool:
    """Send an owed email once. The row lock makes a second, concurrent run wait and then
    find it sent. A temporary failure rolls back, leaves it owed and raises DeliveryDeferred
    for the task to retry; a permanent refusal is recorded and the email never tried again.
    Neither lets the signer's address reach a log."""
    notification = (
        Notification.objects.select_for_update()
        .select_related("signature__letter")
        .filter(pk=notification_id, sent_at__isnull=True, failed_at__isnull=True)
        .first()
    )
    if notification is None:
        return False
    try:
        build_email(notification).send()
    except OSError as error:  # smtplib's errors and the connection's
        outcome = outbox.classify(error)
        if isinstance(outcome, outbox.DeliveryDeferred):
            raise outcome from None
        _notification_fail(notification, reason=str(outcome))
        return False
    notification.sent_at = timezone.now()
    notification.save(update_fields=["sent_at"])
    return True


def _notification_fail(notification, *, reason):
    notification.failed_at = timezone.now()
    notification.failure = reason
    notification.save(update_fields=["failed_at", "failure"])
    logger.warning(
        "Notification %s refused by the mail server: %s",
        notification.pk,
        reason,
        extra={"notification_id": notification.pk, "signature_id": notification.signature_id},
    )


@transaction.atomic
def moderator_create(*, username: str, email: str, password: str):
    """A staff user in the Moderators group: reviews signatures in the admin, nothing more."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from .moderators import MODERATORS_GROUP

    user = get_user_model().objects.create_user(
        username=username, email=email, password=password, is_staff=True
    )
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


@transaction.atomic
def notifications_to_requeue(*, limit: int = 500) -> list[int]:
    """Mark and return the ids of owed emails older than NOTIFICATION_RESEND_AFTER_SECONDS
    that were not handed to a worker in that time either. Emails the mail server refused for
    good are not owed any more."""
    cutoff = timezone.now() - timedelta(seconds=settings.NOTIFICATION_RESEND_AFTER_SECONDS)
    owed = Notification.objects.filter(
        sent_at__isnull=True, failed_at__isnull=True, created_at__lt=cutoff
    ).filter(Q(requeued_at__isnull=True) | Q(requeued_at__lt=cutoff))
    ids = list(owed.order_by("created_at").values_list("pk", flat=True)[:limit])
    Notification.objects.filter(pk__in=ids).update(requeued_at=timezone.now())
    return ids


def _forget_replaced_contact_names(signature):
    # A resubmission's event keeps the contact name it replaced: contact data too.
    for event in signature.events.filter(action=SignatureEvent.Action.RESUBMITTED):
        event.details.get("previous", {}).pop("contact_name", None)
        event.save(update_fields=["details"])


@transaction.atomic
def contact_data_purge(*, now=None) -> tuple[int, int]:
    """Erase the contact data of signatures on letters closed more than
    CONTACT_DATA_RETENTION_DAYS ago, keeping what the public sees; delete signatures never
    confirmed within UNCONFIRMED_SIGNATURE_MAX_AGE_DAYS. Returns (erased, deleted)."""
    now = now or timezone.now()
    closed_before = now - timedelta(days=settings.CONTACT_DATA_RETENTION_DAYS)
    keep = Signature.objects.filter(
        letter__signing_closes_at__lt=closed_before,
    ).exclude(contact_name="", email="", client_hash="")
    erased = 0
    for signature in keep.select_for_update():
        signature.contact_name = signature.email = signature.client_hash = ""
        signature.save(update_fields=["contact_name", "email", "client_hash"])
        _forget_replaced_contact_names(signature)
        _record(signature, SignatureEvent.Action.PURGED)
        erased += 1
    stale = Signature.objects.filter(
        status=Signature.Status.UNCONFIRMED,
        created_at__lt=now - timedelta(days=settings.UNCONFIRMED_SIGNATURE_MAX_AGE_DAYS),
    )
    SignatureEvent.objects.filter(signature__in=stale).delete()
    deleted = stale.delete()[1].get("signatories.Signature", 0)
    return erased, deleted
