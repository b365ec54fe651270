"""The email domains and IP networks whose signatures are stored as blocked."""

import ipaddress

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


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
