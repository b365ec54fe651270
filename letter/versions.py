"""The letter's text as its signatories agreed to it: one numbered version for each change
of the title, the recipient or the body (or of a translation's title or body), with who
changed it, when and why. A signature records the number of the version it agreed to
(signatories' Signature.text_version); letter/revisions.py records new versions.

Defined here and imported by letter/models.py, which Django reads the app's models from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# What a signatory agrees to: once a letter has signatures, changed only with a reason.
TEXT_FIELDS = ("title", "recipient", "body")
TRANSLATED_TEXT_FIELDS = ("title", "body")


class LetterVersion(models.Model):
    letter = models.ForeignKey(
        "letter.Letter", on_delete=models.CASCADE, related_name="versions", verbose_name=_("letter")
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    recipient = models.CharField(_("recipient"), max_length=300)
    body = models.TextField(_("body"))
    # {language: {"title": ..., "body": ...}} for each translation at the time.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    reason = models.TextField(_("reason for the change"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("version of the text")
        verbose_name_plural = _("versions of the text")
        ordering = ["letter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "number"], name="one_letter_version_number"),
        ]

    def __str__(self):
        return f"{self.letter_id} v{self.number}"

    def text(self):
        """The text as letter/revisions.py compares it."""
        return {
            **{field: getattr(self, field) for field in TEXT_FIELDS},
            "translations": self.translations,
        }
