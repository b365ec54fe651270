from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class SignatureQuerySet(models.QuerySet):
    def public(self):
        """Signatures anyone may see: approved by a moderator."""
        return self.filter(status=Signature.Status.APPROVED)

    def awaiting_review(self):
        return self.filter(status=Signature.Status.CONFIRMED)

    def with_email(self, email):
        return self.filter(email__iexact=email)


class Signature(models.Model):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Unconfirmed")
        CONFIRMED = "confirmed", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

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
    country = CountryField(_("country"))
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    website = models.URLField(_("website"), max_length=500, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    consented_at = models.DateTimeField(_("consented at"))

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        permissions = [("moderate_signature", _("Can approve or reject signatures"))]
        constraints = [
            # One address signs a letter once, whatever its case.
            models.UniqueConstraint(
                Lower("email"), "letter", name="signature_one_per_email_per_letter"
            ),
        ]
        indexes = [
            models.Index(fields=["letter", "status"], name="signature_letter_status"),
            models.Index(fields=["status", "confirmed_at"], name="signature_queue"),
        ]

    def __str__(self):
        return self.organization

    @property
    def email_domain(self):
        return self.email.rpartition("@")[2].lower()


class Notification(models.Model):
    """An email owed to a signer. Stored in the same transaction as the change that owes it,
    so a lost broker message or a mail server outage cannot lose it, and a task run twice
    sends it once."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", _("Confirmation link")
        ALREADY_SIGNED = "already_signed", _("Already signed")

    signature = models.ForeignKey(Signature, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["sent_at", "created_at"], name="notification_unsent")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.signature_id}"
