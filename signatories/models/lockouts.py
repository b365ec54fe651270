"""Admin login lockouts as moderators and administrators see them: who is locked, how, and
until when. django-axes counts the failures in the cache; a row here records each lockout
it declared, so the admin can list them and lift one."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AdminLoginLockoutQuerySet(models.QuerySet):
    def active(self):
        return self.filter(expires_at__gt=timezone.now())


class AdminLoginLockout(models.Model):
    class Scope(models.TextChoices):
        PAIR = "pair", _("This username from this network")
        USERNAME = "username", _("This username from networks it never signed in from")
        NETWORK = "network", _("Every username from this network")

    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    username = models.CharField(_("username"), max_length=150, blank=True)
    # The client network's keyed hash (signatories.abuse.clients.address_hash), never the
    # address itself.
    network = models.CharField(_("network (hashed)"), max_length=64, blank=True)
    locked_at = models.DateTimeField(_("locked at"), default=timezone.now)
    expires_at = models.DateTimeField(_("locked until"))

    objects = AdminLoginLockoutQuerySet.as_manager()

    class Meta:
        verbose_name = _("admin login lockout")
        verbose_name_plural = _("admin login lockouts")
        ordering = ["-locked_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "username", "network"], name="one_lockout_per_scope_and_client"
            )
        ]

    def __str__(self):
        return f"{self.get_scope_display()}: {self.username or self.network[:12]}"
