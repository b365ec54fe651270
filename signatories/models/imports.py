"""An import of existing signatories from a file: what was read, how its columns map to the
signature's fields, who ran it, and when it was stored. The rows stay here between the
preview and the confirmation, so that nothing is stored from a file until someone confirms."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignatureImport(models.Model):
    class Mode(models.TextChoices):
        HISTORICAL = "historical", _("Historical list: approved and listed as given, no email")
        INVITE = "invite", _("Invite to reconfirm: each contact is emailed a link to confirm")

    letter = models.ForeignKey(
        "letter.Letter", on_delete=models.PROTECT, related_name="+", verbose_name=_("letter")
    )
    file_name = models.CharField(_("file name"), max_length=255)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    # Who ran it in words: the user's name, or the command line's account.
    run_by = models.CharField(_("run by"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("read at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    # The file as read: its header and rows, each a list of strings.
    header = models.JSONField(default=list, editable=False)
    rows = models.JSONField(default=list, editable=False)
    # Column index (as a string, JSON's keys) -> signature field, as guessed or corrected.
    mapping = models.JSONField(_("columns"), default=dict, blank=True)
    added = models.PositiveIntegerField(_("signatures added"), default=0)
    invited = models.PositiveIntegerField(_("invitations owed"), default=0)

    class Meta:
        verbose_name = _("import of signatories")
        verbose_name_plural = _("imports of signatories")
        ordering = ["-created_at"]
        permissions = [("import_signatures", _("Can import signatories from a file"))]

    def __str__(self):
        return self.file_name
