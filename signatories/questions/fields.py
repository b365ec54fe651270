"""The form fields a letter's questions make, with error messages that say what to do as the
standard fields' do, and the answers read back from a valid form."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from letter.questions import Question
from signatories.questions.selectors import LetterQuestions
from signatories.questions.wording import AUTHORITY_STATEMENT, YES_NO_CHOICES, AskedQuestion

ROLE_FIELD, AUTHORITY_FIELD = "contact_role", "authority"

_REQUIRED = {
    Question.Kind.SHORT_TEXT: _("Answer “%(label)s”."),
    Question.Kind.LONG_TEXT: _("Answer “%(label)s”."),
    Question.Kind.NUMBER: _("Enter a number for “%(label)s”."),
    Question.Kind.ONE_CHOICE: _("Choose an answer to “%(label)s”."),
    Question.Kind.CHOICES: _("Choose at least one answer to “%(label)s”."),
    Question.Kind.YES_NO: _("Choose yes or no for “%(label)s”."),
}


class ChoicesField(forms.MultipleChoiceField):
    """Several choices, each at most once: a choice sent twice (a crafted form) would store
    two answers, and list the organization twice in a filter by that choice."""

    def to_python(self, value):
        return list(dict.fromkeys(super().to_python(value)))


def _field(question: AskedQuestion):
    kind, Kind = question.kind, Question.Kind
    common = {"label": question.label, "help_text": question.help_text}
    common["required"] = question.required
    if kind == Kind.SHORT_TEXT:
        return forms.CharField(max_length=300, **common)
    if kind == Kind.LONG_TEXT:
        return forms.CharField(max_length=3000, widget=forms.Textarea(attrs={"rows": 3}), **common)
    if kind == Kind.NUMBER:
        return forms.DecimalField(max_digits=15, decimal_places=2, **common)
    if kind == Kind.CHOICES:
        return ChoicesField(choices=question.choices, widget=forms.CheckboxSelectMultiple, **common)
    choices = YES_NO_CHOICES if kind == Kind.YES_NO else question.choices
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)


def question_fields(asked: LetterQuestions) -> dict[str, forms.Field]:
    """The fields, by name, in the order the form shows them."""
    fields = {}
    for question in asked.questions:
        field = _field(question)
        message = _REQUIRED[question.kind] % {"label": question.label}
        field.error_messages["required"] = message
        fields[question.field_name] = field
    if asked.asks_role:
        fields[ROLE_FIELD] = forms.CharField(
            label=_("Your role in the organization"),
            help_text=_("Optional. Such as director or communications officer. Not published."),
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        )
    if asked.asks_authority:
        fields[AUTHORITY_FIELD] = forms.BooleanField(
            label=AUTHORITY_STATEMENT,
            error_messages={
                "required": _("Tick the box to confirm that you may sign for the organization.")
            },
        )
    return fields


def answers_from(asked: LetterQuestions, cleaned_data) -> list[tuple[AskedQuestion, str]]:
    """(question, value) for each answer given: one per choice ticked."""
    answers = []
    for question in asked.questions:
        value = cleaned_data.get(question.field_name)
        values = value if isinstance(value, list) else [value]
        for one in values:
            if one in (None, ""):
                continue
            if isinstance(one, Decimal):
                one = format(one.normalize(), "f")
            answers.append((question, str(one).strip()))
    return answers


def standard_values(asked: LetterQuestions, cleaned_data) -> dict[str, str]:
    """The signature's role and statement of authority (the wording in the signer's
    language), as the signing service takes them."""
    statement = gettext(AUTHORITY_STATEMENT) if cleaned_data.get(AUTHORITY_FIELD) else ""
    return {
        "contact_role": cleaned_data.get(ROLE_FIELD, "") if asked.asks_role else "",
        "authority_statement": statement if asked.asks_authority else "",
    }


def answers_initial(asked: LetterQuestions, signature, stored: dict[int, list[str]]) -> dict:
    """The form's initial values from a signature and its stored answers ({question id:
    [values]}): what answers_from and standard_values read back, the other way round."""
    initial = {}
    for question in asked.questions:
        values = stored.get(question.pk, [])
        if question.kind == Question.Kind.CHOICES:
            initial[question.field_name] = values
        elif values:
            initial[question.field_name] = values[0]
    if asked.asks_role:
        initial[ROLE_FIELD] = signature.contact_role
    if asked.asks_authority:
        initial[AUTHORITY_FIELD] = bool(signature.authority_statement)
    return initial
