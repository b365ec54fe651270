"""The partner organizations a coordinator lists on a letter: each brings signatures through
its own link (`?via=<code>`) or the form embedded on its website, and may be given a
read-only page with its own count."""

import secrets
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def _new_secret():
    return secrets.token_urlsafe(24)


def validate_origin(value: str) -> None:
    """An origin as a browser sends it: scheme and host (and port), nothing more."""
    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
    ):
        raise ValidationError(
            _("Enter an origin such as https://partner.example, with no path."), code="origin"
        )


class Partner(models.Model):
    letter = models.ForeignKey(
        "letter.Letter",
        on_delete=models.CASCADE,
        related_name="partners",
        verbose_name=_("letter"),
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(
        _("short code"),
        max_length=40,
        help_text=_(
            "In the partner's link: /letters/(the letter's address)/sign/?via=(this code)."
        ),
    )
    origin = models.CharField(
        _("website origin"),
        max_length=200,
        blank=True,
        validators=[validate_origin],
        help_text=_(
            "Where the partner embeds the sign-on form, such as https://partner.example. "
            "Left empty, no website may embed it."
        ),
    )
    # The bearer secret of the partner's read-only page: whoever holds the link sees the
    # partner's counts, never contact data. A new secret revokes the old link.
    secret = models.CharField(max_length=64, default=_new_secret, editable=False, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["letter", "name"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "code"], name="partner_code_per_letter"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.origin = self.origin.rstrip("/").lower()
