"""A letter's own questions, asked on its sign-on form after the standard fields: their kind,
wording (translated like the letter), whether an answer is required, and whether answers are
public or kept for the coalition. Answers are signatories' (signatories.models.Answer): each
keeps the wording it was given to, so a question may change, or stop being asked, while its
answers stay as they were.

Defined here and imported by letter/models.py, which Django reads the app's models from."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Translation

CHOICES_HELP = _("One choice a line, in the order shown. Only for the kinds with choices.")


class Question(models.Model):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        ONE_CHOICE = "one_choice", _("One choice")
        CHOICES = "choices", _("Several choices")
        YES_NO = "yes_no", _("Yes or no")
        NUMBER = "number", _("A number")

    WITH_CHOICES = (Kind.ONE_CHOICE, Kind.CHOICES)

    letter = models.ForeignKey(
        "letter.Letter",
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("letter"),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Questions are asked from the lowest number up.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help"), max_length=500, blank=True)
    choices = models.TextField(_("choices"), blank=True, help_text=CHOICES_HELP)
    required = models.BooleanField(_("required"), default=False)
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Answers shown in the directory and the open data. Otherwise only the coalition "
            "sees them (the admin and its exports)."
        ),
    )
    # A question that stopped being asked keeps its answers; delete it only if it has none.
    asked = models.BooleanField(
        _("asked"), default=True, help_text=_("Untick to stop asking it and keep its answers.")
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["letter", "position", "pk"]

    def __str__(self):
        return self.label

    @property
    def choice_list(self):
        return choice_lines(self.choices)

    def clean(self):
        lines = self.choice_list
        if self.kind in self.WITH_CHOICES and len(lines) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one a line.")})
        if len(set(lines)) != len(lines):
            raise ValidationError({"choices": _("Each choice must differ from the others.")})
        if self.kind not in self.WITH_CHOICES and lines:
            raise ValidationError({"choices": _("Only a question with choices lists choices.")})


def choice_lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class QuestionTranslation(Translation):
    """A question in another language; an empty field falls back to the original, and the
    choices are translated line by line, in the original's order."""

    original_field = "question"
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="translations")
    label = models.CharField(_("question"), max_length=300, blank=True)
    help_text = models.CharField(_("help"), max_length=500, blank=True)
    choices = models.TextField(_("choices"), blank=True, help_text=CHOICES_HELP)

    class Meta(Translation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["question", "language"], name="one_question_translation_per_language"
            )
        ]
