import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from . import hints
from .countries import SignatureCountryField
from .hints import DomainCheck


def _taken_by(verbose_name, *, on_delete):
    """The moderator who took a step in a signature's life, if one did (None: the signer or
    the system). No reverse accessor: the steps are read from the signature, not the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=on_delete,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class SignatureQuerySet(models.QuerySet):
    def public(self):
        """Signatures anyone may see: approved by a moderator."""
        return self.filter(status=Signature.Status.APPROVED)

    def named(self):
        """Public signatures whose organization agreed to be named."""
        return self.public().filter(listing=Signature.Listing.NAMED)

    def listed(self):
        """Public signatures shown in lists: by name, or as "an organization in <country>"."""
        return self.public().exclude(listing=Signature.Listing.UNLISTED)

    def awaiting_review(self):
        return self.filter(status=Signature.Status.CONFIRMED)

    def with_email(self, email):
        """The signatures of this address, whatever its case: compared as the unique
        constraint compares them (lower-cased, blank excluded), so that its index finds them."""
        return (
            self.alias(email_lower=Lower("email"))
            .filter(email_lower=Lower(Value(email)))
            .exclude(email="")
        )


class Signature(models.Model):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Unconfirmed")
        CONFIRMED = "confirmed", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        BLOCKED = "blocked", _("Blocked")

    class Listing(models.TextChoices):
        NAMED = "named", _("By name")
        COUNTRY_ONLY = "country", _("As “an organization in” its country, without its name")
        UNLISTED = "unlisted", _("Not listed: counted only")

    class Scope(models.TextChoices):
        LOCAL = "local", _("Local")
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")
        INTERNATIONAL = "international", _("International")

    letter = models.ForeignKey(
        "letter.Letter",
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("letter"),
    )
    organization = models.CharField(_("organization"), max_length=255)
    country = SignatureCountryField(_("country"))
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    website = models.URLField(_("website"), max_length=500, blank=True)
    listing = models.CharField(
        _("listed"), max_length=10, choices=Listing.choices, default=Listing.NAMED
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    # Blank only for signatures a moderator received on paper and entered by hand.
    email = models.EmailField(_("email"), max_length=254, blank=True)
    consented_at = models.DateTimeField(_("consented at"))
    # Asked at signing ("Email me updates about this letter"); cleared by an unsubscribe link
    # and by the retention purge, with the rest of the contact data.
    wants_updates = models.BooleanField(_("wants updates by email"), default=False)
    # The language the signer used, for the emails sent to them.
    language = models.CharField(_("language"), max_length=10, default="en")
    # How the organization appeared when submitted, kept when a moderator corrects it.
    submitted = models.JSONField(_("as submitted"), default=dict, blank=True)
    added_by_moderator = models.BooleanField(_("added by a moderator"), default=False)
    # Counts the times a new submission replaced what an unconfirmed signature held. The
    # confirmation link carries it, so that a link sent for replaced values stops working.
    revision = models.PositiveIntegerField(default=0, editable=False)

    # Derived from the fields above by the services, stored so that the review queue can
    # filter and compare on them in the database. The domains are registrable domains
    # ("ngo.org" for "info@mail.ngo.org"), see hints.
    organization_key = models.CharField(max_length=255, db_index=True, editable=False)
    email_domain = models.CharField(
        _("email domain"), max_length=254, db_index=True, blank=True, editable=False
    )
    website_domain = models.CharField(
        _("website domain"), max_length=255, db_index=True, blank=True, editable=False
    )
    domain_check = models.CharField(
        _("email vs website"), max_length=20, choices=DomainCheck.choices, editable=False
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = _taken_by(_("decided by"), on_delete=models.SET_NULL)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    rejection_reason = models.TextField(_("rejection reason"), blank=True)
    blocked_reason = models.CharField(_("blocked because"), max_length=200, blank=True)
    # The client's address, only ever as a keyed hash (HMAC): enough to see that several
    # signatures came from one place, useless to identify anyone if the database leaks.
    client_hash = models.CharField(_("client address hash"), max_length=64, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        permissions = [("moderate_signature", _("Can approve or reject signatures"))]
        constraints = [
            # One address signs a letter once, whatever its case.
            models.UniqueConstraint(
                Lower("email"),
                "letter",
                condition=~models.Q(email=""),
                name="signature_one_per_email_per_letter",
                violation_error_message=_("This email has already signed this letter."),
            ),
        ]
        indexes = [
            models.Index(fields=["letter", "status"], name="signature_letter_status"),
            models.Index(fields=["status", "confirmed_at"], name="signature_queue"),
        ]

    def __str__(self):
        return self.organization

    _DERIVED_FROM = {"organization", "email", "website"}
    _DERIVED = {"organization_key", "email_domain", "website_domain", "domain_check"}

    def save(self, *args, update_fields=None, **kwargs):
        self.derive_fields()
        if update_fields is not None and self._DERIVED_FROM.intersection(update_fields):
            update_fields = {*update_fields, *self._DERIVED}
        super().save(*args, update_fields=update_fields, **kwargs)

    def derive_fields(self):
        """Recompute the stored hints; save() does it, bulk_create callers must call it."""
        # Folding can lengthen a name (NFKD turns one ligature into many letters).
        key_length = self._meta.get_field("organization_key").max_length
        self.organization_key = hints.organization_key(self.organization)[:key_length]
        self.email_domain = hints.email_site(self.email)
        self.website_domain = hints.website_site(self.website)
        self.domain_check = hints.domain_check(self.email, self.website)


class OwedEmail(models.Model):
    """When an owed email was owed, sent, handed again to a worker or refused for good: the
    state the outbox delivers it by."""

    created_at = models.DateTimeField(_("owed since"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # When the periodic resend last handed it to a worker, so it does not pile up in a backlog.
    requeued_at = models.DateTimeField(null=True, blank=True)
    # Set when the mail server refused it for good (a 5xx reply, such as 550 for an unknown
    # mailbox): it is then never tried again. The reply is kept without the address, for the
    # moderators to see why its recipient heard nothing.
    failed_at = models.DateTimeField(_("undeliverable since"), null=True, blank=True)
    failure = models.CharField(_("mail server's reply"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def log_ids(self) -> dict:
        """What a log line may say of this email: ids, never an address."""
        return {f"{self._meta.model_name}_id": self.pk}


class Notification(OwedEmail):
    """An email owed to a signer. Stored in the same transaction as the change that owes it,
    so a lost broker message or a mail server outage cannot lose it, and a task run twice
    sends it once."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", _("Confirmation link")
        ALREADY_SIGNED = "already_signed", _("Already signed")
        APPROVED = "approved", _("Listed on the letter")
        REJECTED = "rejected", _("Not listed, with the reason")

    kind = models.CharField(_("email"), max_length=30, choices=Kind.choices)
    signature = models.ForeignKey(Signature, on_delete=models.CASCADE, related_name="notifications")

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["sent_at", "created_at"], name="notification_unsent")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.signature_id}"

    def log_ids(self) -> dict:
        return {**super().log_ids(), "signature_id": self.signature_id}


class SignatureEvent(models.Model):
    """One step in a signature's life, with who took it: the audit trail moderators read."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RESUBMITTED = "resubmitted", _("Submitted again, replacing what it held")
        CONFIRMED = "confirmed", _("Confirmed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        CORRECTED = "corrected", _("Corrected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        BLOCKED = "blocked", _("Blocked")
        ADDED = "added", _("Added by a moderator")
        PURGED = "purged", _("Contact data erased")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed from updates")

    signature = models.ForeignKey(Signature, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = _taken_by(_("by"), on_delete=models.PROTECT)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("audit trail")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class BlockedEmailDomain(models.Model):
    """Signatures from addresses at this domain (or its subdomains) are stored, marked as
    blocked, never emailed and never counted."""

    domain = models.CharField(_("email domain"), max_length=254, unique=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blocked email domain")
        verbose_name_plural = _("blocked email domains")
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)


class BlockedNetwork(models.Model):
    """Signatures sent from this IP network are stored, marked as blocked, never emailed and
    never counted. The address itself is never stored: only checked against these."""

    network = models.CharField(
        _("IP network"),
        max_length=50,
        unique=True,
        help_text=_("e.g. 203.0.113.0/24 or 2001:db8::/32"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blocked IP network")
        verbose_name_plural = _("blocked IP networks")
        ordering = ["network"]

    def __str__(self):
        return self.network

    def clean(self):
        try:
            self.network = str(ipaddress.ip_network(self.network.strip(), strict=False))
        except ValueError as error:
            raise ValidationError({"network": _("Enter an IP address or network.")}) from error


class ModeratorDigest(OwedEmail):
    """An email owed to a moderator about signatures waiting for review: stored before it is
    sent (so an outage cannot lose it and a task run twice sends it once), at most one per
    moderator and period (so two runs of the periodic task never owe two), with what it says
    as counts only: no signer's contact data or organization."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("moderator"),
    )
    # The start of the MODERATION_DIGEST_INTERVAL_HOURS period it is owed for.
    period_start = models.DateTimeField(_("period"))
    content = models.JSONField(_("content"), default=dict)

    class Meta:
        # The database, not the task, guarantees that two runs of it never owe two digests.
        constraints = [
            models.UniqueConstraint(
                fields=["moderator", "period_start"], name="moderator_digest_one_per_period"
            ),
        ]
        verbose_name = _("moderation digest")
        verbose_name_plural = _("moderation digests")

    def __str__(self):
        return f"{self.moderator_id} {self.period_start:%Y-%m-%d %H:%M}"


class UpdateSend(models.Model):
    """A coordinator's request to email an update to the signers who asked for updates. Its
    deliveries are the outbox: one row per recipient, made once, sent once."""

    update = models.OneToOneField(
        "letter.LetterUpdate",
        on_delete=models.CASCADE,
        related_name="email_send",
        verbose_name=_("update"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    paused = models.BooleanField(_("paused"), default=False)

    class Meta:
        verbose_name = _("update email")
        verbose_name_plural = _("update emails")
        ordering = ["-started_at"]

    def __str__(self):
        return str(self.update)


class UpdateDelivery(models.Model):
    """One update owed to one signer: the unique constraint is what makes "sent once" hold
    however often the button is pressed or a worker restarts (see update_mailing.py)."""

    send = models.ForeignKey(UpdateSend, on_delete=models.CASCADE, related_name="deliveries")
    update = models.ForeignKey("letter.LetterUpdate", on_delete=models.CASCADE, related_name="+")
    signature = models.ForeignKey(
        Signature, on_delete=models.CASCADE, related_name="update_deliveries"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # A temporary failure waits until then; attempts counts them, to give up in the end.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # A permanent refusal (or a signer who unsubscribed meanwhile): never tried again. The
    # mail server's reply is kept without the address.
    failed_at = models.DateTimeField(null=True, blank=True)
    failure = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["update", "signature"], name="update_sent_once")
        ]
        indexes = [
            models.Index(
                fields=["send", "id"],
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
                name="update_delivery_owed",
            )
        ]

    def __str__(self):
        return f"{self.update_id} → {self.signature_id}"

    def log_ids(self) -> dict:
        """What a log line may say of this email: ids, never an address."""
        return {"delivery_id": self.pk, "signature_id": self.signature_id}
