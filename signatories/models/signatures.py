"""A signature and its audit trail: what a signer gave, its status, and every step in its life
with who took it."""

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from signatories import hints, lookalikes
from signatories.countries import SignatureCountryField
from signatories.hints import DomainCheck


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
    # Asked when the letter asks it (Letter.asks_role, asks_authority): the contact's role, and
    # the statement of authority in the words the signer agreed to.
    contact_role = models.CharField(_("contact's role"), max_length=200, blank=True)
    authority_statement = models.TextField(_("statement of authority"), blank=True)
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
    # The letter's initiators: the letter page and the printable letter name them first.
    lead = models.BooleanField(
        _("lead signatory"), default=False, help_text=_("Named first, as an initiator.")
    )
    # Counts the times a new submission replaced what an unconfirmed signature held. The
    # confirmation link carries it, so that a link sent for replaced values stops working.
    revision = models.PositiveIntegerField(default=0, editable=False)
    # The version of the letter's text the signer agreed to (letter.versions.LetterVersion's
    # number), the letter's current one when the signature was submitted or added.
    text_version = models.PositiveIntegerField(
        _("version of the text agreed to"), null=True, blank=True, editable=False
    )
    # The file it was imported from, for a signature gathered elsewhere (see imports/).
    imported_from = models.ForeignKey(
        "signatories.SignatureImport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="signatures",
        verbose_name=_("imported from"),
    )

    # Derived from the fields above by the services, stored so that the review queue can
    # filter and compare on them in the database. The domains are registrable domains
    # ("ngo.org" for "info@mail.ngo.org"), see hints.
    organization_key = models.CharField(max_length=255, db_index=True, editable=False)
    # The name's confusables skeleton: names that look alike share it (see lookalikes).
    organization_skeleton = models.CharField(
        max_length=255, db_index=True, blank=True, editable=False
    )
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
    # The partner whose link or embedded form brought it, if any (signatories/partners/).
    partner = models.ForeignKey(
        "signatories.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("partner"),
    )

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
    _DERIVED = {
        "organization_key",
        "organization_skeleton",
        "email_domain",
        "website_domain",
        "domain_check",
    }

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
        self.organization_skeleton = lookalikes.name_skeleton(self.organization)[:key_length]
        self.email_domain = hints.email_site(self.email)
        self.website_domain = hints.website_site(self.website)
        self.domain_check = hints.domain_check(self.email, self.website)


class SignatureEvent(models.Model):
    """One step in a signature's life, with who took it: the audit trail moderators read."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RESUBMITTED = "resubmitted", _("Submitted again, replacing what it held")
        CONFIRMED = "confirmed", _("Confirmed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        CORRECTED = "corrected", _("Corrected")
        SIGNER_CORRECTED = "signer_corrected", _("Corrected by the signer")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        RESTORED = "restored", _("Withdrawal undone")
        BLOCKED = "blocked", _("Blocked")
        ADDED = "added", _("Added by a moderator")
        PURGED = "purged", _("Contact data erased")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed from updates")
        IMPORTED = "imported", _("Imported from a file")

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
