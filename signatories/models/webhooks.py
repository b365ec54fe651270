"""The coalition's other systems (a CRM, a spreadsheet bot) told of each step in a
signature's life: the URLs a superuser registered, and the events owed to each, stored in the
transaction of the change that owes them (the outbox pattern the emails use)."""

import base64
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from signatories.models.signatures import Signature


def _new_secret():
    # Standard Webhooks' form: "whsec_" and the base64 of 24 to 64 random bytes.
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class WebhookEndpoint(models.Model):
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=_new_secret,
        help_text=_("The receiver checks each event's signature with it."),
    )
    active = models.BooleanField(_("active"), default=True)
    receives_contact_data = models.BooleanField(
        _("may receive contact data"),
        default=False,
        help_text=_("Adds the contact's name and email to each event. Leave off unless needed."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self):
        return self.description or self.url


class WebhookDeliveryQuerySet(models.QuerySet):
    def owed(self):
        return self.filter(delivered_at__isnull=True, failed_at__isnull=True)


class WebhookDelivery(models.Model):
    """One event owed to one endpoint: sent at least once (the receiver deduplicates by
    `webhook-id`), retried with backoff until `next_attempt_at`, given up for good on a
    permanent refusal."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.CharField(_("event id"), max_length=40)
    event_type = models.CharField(_("event"), max_length=40)
    # The event's public part, as it was when it happened; contact data is never stored here
    # but read from the signature when sent, so erasing it (retention) reaches the events owed.
    payload = models.JSONField(default=dict)
    signature = models.ForeignKey(
        Signature, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("owed since"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    # When the dispatcher last handed it to a worker: handed again once WEBHOOK_LEASE_SECONDS
    # have passed with it still owed (its worker died, or its message was lost).
    handed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("given up at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event_id"], name="webhook_event_once"),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(delivered_at__isnull=True, failed_at__isnull=True),
                name="webhook_delivery_owed",
            )
        ]

    def __str__(self):
        return f"{self.event_type} → {self.endpoint_id}"

    def log_ids(self) -> dict:
        return {"webhook_delivery_id": self.pk, "endpoint_id": self.endpoint_id}
