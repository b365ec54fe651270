"""The emails owed, stored before they are sent: to signers (notifications and updates) and to
moderators (digests)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signatories.models.signatures import Signature


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
        # Asked for from a withdrawal link (which anyone a signer forwarded an email to holds):
        # the link that withdraws goes to the address that signed, and nowhere else.
        WITHDRAW_CONFIRM = "withdraw_confirm", _("Link to confirm a withdrawal")
        WITHDRAWN = "withdrawn", _("Withdrawn, with a way to undo it")
        # To the contact of an imported signature: sent by the paced dispatcher, not at once.
        INVITE = "invite", _("Invitation to reconfirm an imported signature")

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
