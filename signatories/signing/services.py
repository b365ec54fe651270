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
from signatories.questions.services import answers_store
from signatories.questions.wording import AskedQuestion
from signatories.signing.submission import submission_store
from signatories.signing.submission_sql import KEPT


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
    contact_role: str = "",
    authority_statement: str = "",
    answers: list[tuple[AskedQuestion, str]] = (),
    partner=None,
) -> Signature:
    """Store a new, unconfirmed signature, with its `answers` to the letter's questions, and
    owe it a confirmation link, credited to the partner whose link or embedded form brought
    it, if any. An address whose
    signature on this letter is unconfirmed or withdrawn replaces what it held and gets a
    link for the new values; a confirmed or decided one gets a note instead, so the answer
    never reveals who signed. A signature from a bot or a blocked source is stored as
    blocked: never emailed, never counted.

    Every outcome is decided and stored by one statement (submission.py), so that the
    request does the same work, and takes as long, whoever has signed."""
    if not letter.is_open:
        raise SigningClosed(letter.signing_state())
    block = bot_reason or blocked_reason(email=email, address=client_address)
    values = {
        **_new_signature(organization, country, scope, website, listing, contact_name, email),
        "language": language,
        "wants_updates": wants_updates,
        "contact_role": contact_role,
        "authority_statement": authority_statement,
        "partner": partner,
        "text_version": letter.text_version,
        "client_hash": address_hash(client_address) if client_address else "",
        "status": Signature.Status.BLOCKED if block else Signature.Status.UNCONFIRMED,
        "blocked_reason": block[:200],
    }
    signature = Signature(letter=letter, **values)
    signature.derive_fields()  # what save() would do
    events = [SignatureEvent(action=SignatureEvent.Action.SUBMITTED, details={})]
    if block:
        events.append(
            SignatureEvent(action=SignatureEvent.Action.BLOCKED, details={"reason": block})
        )
    if not answers:
        return submission_store(signature=signature, events=events, block=block)
    with transaction.atomic():
        stored = submission_store(signature=signature, events=events, block=block)
        # The answers go with the values they came with: a kept signature keeps its own.
        replace = stored.submission_outcome != KEPT
        answers_store(signature=stored, answers=list(answers), replace=replace)
    return stored


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
