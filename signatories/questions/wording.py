"""A question as the sign-on form asks it in one language: a plain value, built from the
question and its translation once per letter version and language, and kept in memory."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from letter.questions import Question, choice_lines

YES, NO = "yes", "no"
YES_NO_CHOICES = ((YES, _("Yes")), (NO, _("No")))
# The statement a letter that asks for it requires; stored as the signer read it.
AUTHORITY_STATEMENT = _("I am authorised to sign on behalf of this organization.")


@dataclass(frozen=True)
class AskedQuestion:
    pk: int
    kind: str
    # In the letter's language: what an answer stores.
    original_label: str
    # In the reader's language (the original where untranslated).
    label: str
    help_text: str
    required: bool
    public: bool
    # (stored value: the choice in the letter's language, the choice as the reader reads it)
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def field_name(self):
        return f"question_{self.pk}"

    @property
    def has_choices(self):
        return self.kind in Question.WITH_CHOICES

    def shown(self, value):
        """A stored value as this reader reads it (a choice since renamed shows as stored)."""
        if self.kind == Question.Kind.YES_NO:
            return str(dict(YES_NO_CHOICES).get(value, value))
        return dict(self.choices).get(value, value)


def asked_question(question, translation=None) -> AskedQuestion:
    """`question` in the language of `translation` (None: the original)."""
    label = (translation and translation.label) or question.label
    help_text = (translation and translation.help_text) or question.help_text
    original = question.choice_list
    translated = choice_lines(translation.choices) if translation else []
    shown = [t or o for o, t in zip(original, [*translated, *[""] * len(original)], strict=False)]
    return AskedQuestion(
        pk=question.pk,
        kind=question.kind,
        original_label=question.label,
        label=label,
        help_text=help_text,
        required=question.required,
        public=question.public,
        choices=tuple(zip(original, shown, strict=True)),
    )
