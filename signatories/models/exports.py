"""The large public exports of a letter, as built for one public version."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from letter.models import Letter


class PublicExport(models.Model):
    """A letter's open data (JSON, CSV) or printable letter (one per language) as of one public
    version, compressed. Built off the request for a big letter (signatories/public/exports.py)
    and served as stored, so no visitor makes a web process render thousands of signatories.
    One row per letter, kind and language, replaced by each newer build."""

    class Kind(models.TextChoices):
        JSON = "json", "signatories.json"
        CSV = "csv", "signatories.csv"
        PRINT = "print", _("printable letter")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    # The printable letter's language; empty for the data, which is the same in every language.
    language = models.CharField(max_length=10, blank=True)
    public_version = models.PositiveBigIntegerField()
    public_changed_at = models.DateTimeField()
    gzipped = models.BinaryField()
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "kind", "language"], name="public_export_one_per_language"
            ),
        ]
        verbose_name = _("public export")
        verbose_name_plural = _("public exports")

    def __str__(self):
        return f"{self.letter_id} {self.kind} {self.language} v{self.public_version}"
