"""Every change of a signature's state happens in a service, inside a transaction, after
checking that the change is allowed from the state the signature is in. Here: submitting
(again), confirming, sending a new link, withdrawing, and a moderator adding one; the
moderators' decisions on existing signatures are in review.py."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from letter.public_version import mark_published
from signatories.abuse.blocklists import blocked_reason
from signatories.abuse.clients import address_hash
from signatories.audit import event_record
from signatories.mail import outbox
from signatories.models import Notification, Signature, SignatureEvent
from signatories.signing.submission import signature_insert


class SigningClosed(Exception):
    """The letter does not accept signatures now."""


class IllegalTransition(Exception):
    def __init__(self, signature, action):
        super().__init__(
            f"Cannot {action} a signature that is {signature.get_status_display().lower()}."
        )
        self.signature = signature
        self.action = action


# What a moderator may correct in how an organization appears on the letter.
CORRECTABLE_FIELDS = ("organization", "country", "scope", "website", "listing")


def _new_signature(organization, country, scope, website, listing, contact_name, email):
    """A new signature's values as given: how it appears on the letter (also kept as
    `submitted`) and whom to write to, who consents now."""
    public = {
        "organization": organization,
        "country": str(country),
        "scope": scope,
        "website": website,
        "listing": listing,
    }
    contact = {"contact_name": contact_name, "email": email, "consented_at": timezone.now()}
    return {**public, **contact, "submitted": public}


def _create_or_existing(*, letter, values):
    """(signature, True) for a new signature, or (the one its address holds on this letter,
    locked, False): the database's constraint decides, whatever runs concurrently."""
    try:
        with transaction.atomic():
            return Signature.objects.create(letter=letter, **values), True
    except IntegrityError:
        existing = Signature.objects.with_email(values["email"]).filter(letter=letter)
        signature = existing.select_for_update().first()
        if signature is None:
            raise
        return signature, False


def lock(signature):
    """The signature re-read and locked: a service checks its state under the lock."""
    return Signature.objects.select_for_update().get(pk=signature.pk)


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
    wants_updates: bool = False,
) -> Signature:
    """Store a new, unconfirmed signature and owe it a confirmation link. An address whose
    signature on this letter is unconfirmed or withdrawn replaces what it held and gets a
    link for the new values; a confirmed or decided one gets a note instead, so the answer
    never reveals who signed. A signature from a bot or a blocked source is stored as
    blocked: never emailed, never counted.

    Each outcome is one transaction: a new address's, or, once the database's constraint
    has refused the new row (whatever ran concurrently), the existing signature's. Called
    outside a transaction, as the sign-on view calls it, the refused INSERT rolls back a
    transaction of its own, so the common case needs no savepoint around it."""
    if not letter.is_open:
        raise SigningClosed(letter.signing_state())
    block = bot_reason or blocked_reason(email=email, address=client_address)
    values = {
        **_new_signature(organization, country, scope, website, listing, contact_name, email),
        "language": language,
        "wants_updates": wants_updates,
        "text_version": letter.text_version,
        "client_hash": address_hash(client_address) if client_address else "",
        "status": Signature.Status.BLOCKED if block else Signature.Status.UNCONFIRMED,
        "blocked_reason": block[:200],
    }
    try:
        return _submit_new(letter=letter, values=values, block=block)
    except IntegrityError:
        signature = _submit_existing(letter=letter, values=values, block=block)
        if signature is None:
            raise  # another constraint refused the row
        return signature


def _submit_new(*, letter, values, block):
    """The new signature, its trail and, within the address's allowance, its confirmation
    link, stored by one statement (see submission.py); IntegrityError if the address has
    signed the letter already."""
    signature = Signature(letter=letter, **values)
    signature.derive_fields()  # what save() would do
    events = [SignatureEvent(action=SignatureEvent.Action.SUBMITTED, details={})]
    if block:
        events.append(
            SignatureEvent(action=SignatureEvent.Action.BLOCKED, details={"reason": block})
        )
    notification = None if block else Notification(kind=Notification.Kind.CONFIRM)
    return signature_insert(signature=signature, events=events, notification=notification)


@transaction.atomic
def _submit_existing(*, letter, values, block):
    """The address's signature on this letter, locked, after a new submission (None if it
    has none: the new row was refused for another reason)."""
    existing = Signature.objects.with_email(values["email"]).filter(letter=letter)
    signature = existing.select_for_update().first()
    if signature is not None and not block:
        _submit_again(signature, values)
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
        outbox.notification_owe(
            signature=signature, kind=Notification.Kind.ALREADY_SIGNED, asked_by_public=True
        )
    elif outbox.within_allowance(signature.email):
        # Past the allowance nothing changes: replacing the values without sending a link
        # would only break the link the address already holds.
        _replace(signature, values)
        outbox.notification_owe(signature=signature, kind=Notification.Kind.CONFIRM)


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
    event_record(
        signature=signature,
        action=SignatureEvent.Action.RESUBMITTED,
        previous=previous,
        previous_status=str(previous_status),
    )


class LinkReplaced(Exception):
    """The confirmation link was sent for values that a later submission replaced."""


@transaction.atomic
def signature_confirm(*, signature: Signature, revision: int | None = None) -> Signature:
    """The signer proved the address is theirs: the signature now awaits review.
    Confirming again, or after a decision, changes nothing. A link naming an older
    revision than the signature's raises LinkReplaced."""
    signature = lock(signature)
    if revision is not None and revision != signature.revision:
        raise LinkReplaced()
    if signature.status == Signature.Status.UNCONFIRMED:
        signature.status = Signature.Status.CONFIRMED
        signature.confirmed_at = timezone.now()
        signature.save(update_fields=["status", "confirmed_at"])
        event_record(signature=signature, action=SignatureEvent.Action.CONFIRMED)
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
    values = _new_signature(organization, country, scope, website, listing, contact_name, email)
    now = values["consented_at"]
    values |= {
        "text_version": letter.text_version,
        "added_by_moderator": True,
        "status": Signature.Status.APPROVED,
        "confirmed_at": now,
        "decided_at": now,
        "decided_by": moderator,
    }
    signature, created = _create_or_existing(letter=letter, values=values)
    if not created:
        raise DuplicateEmail(email)
    event_record(signature=signature, action=SignatureEvent.Action.ADDED, actor=moderator)
    mark_published(letter.pk)
    return signature


@transaction.atomic
def signature_withdraw(*, signature: Signature) -> Signature:
    """The signer takes the signature back; it leaves every public list at once, and the
    signer is told by email, with a link that undoes it for WITHDRAWAL_UNDO_DAYS (the event
    keeps the status to go back to)."""
    signature = lock(signature)
    if signature.status == Signature.Status.WITHDRAWN:
        raise IllegalTransition(signature, "withdraw")
    if signature.status == Signature.Status.APPROVED:
        mark_published(signature.letter_id)
    previous_status = str(signature.status)
    signature.status = Signature.Status.WITHDRAWN
    signature.withdrawn_at = timezone.now()
    signature.save(update_fields=["status", "withdrawn_at"])
    event_record(
        signature=signature,
        action=SignatureEvent.Action.WITHDRAWN,
        previous_status=previous_status,
    )
    outbox.notification_owe(signature=signature, kind=Notification.Kind.WITHDRAWN)
    return signature
