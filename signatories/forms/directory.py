"""The public directory's search and filters."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from letter.regions import REGION_LABELS, REGIONS
from signatories.models import Signature
from signatories.questions.selectors import is_public_choice


class DirectoryFilterForm(forms.Form):
    """The directory's search and filters, all optional; invalid values are ignored."""

    query = forms.CharField(
        label=_("Organization name"), required=False, max_length=200, widget=forms.SearchInput
    )
    country = LazyTypedChoiceField(
        label=_("Country"), required=False, choices=[("", _("All countries")), *countries]
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions")), *((r, REGION_LABELS[r]) for r in REGIONS)],
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        required=False,
        choices=[("", _("All scopes")), *Signature.Scope.choices],
    )

    def __init__(self, *args, answer_filters=(), **kwargs):
        """`answer_filters`: the letter's public questions with choices, as
        questions.selectors.public_choice_filters gives them; none, no filter by answer."""
        super().__init__(*args, **kwargs)
        if answer_filters:
            self.fields["answer"] = answer = forms.ChoiceField(
                label=_("Answer"), required=False, choices=[("", _("All answers")), *answer_filters]
            )
            # The page cache lets through any letter's public choice (it does not know the
            # letter): another letter's is ignored here, as the cache ignores the rest, so that
            # it neither shows an error nor drops the other filters with it.
            if self.is_bound and not answer.valid_value(self.data.get("answer", "")):
                self.data = self.data.copy()
                self.data.pop("answer", None)
        for name, field in self.fields.items():
            css = "form-control" if name == "query" else "form-select"
            field.widget.attrs["class"] = css


def _cleaner(field):
    def clean(value):
        try:
            return field.clean(value)
        except forms.ValidationError:
            return None

    return clean


def _page_number(value):
    # Page 1 is the directory without `page`; a number is written one way only.
    if len(value) <= 9 and value.isascii() and value.isdigit() and int(value) > 1:
        return str(int(value))
    return None


def _public_answer(value):
    # Checked against every letter's public choices: the view filters by its letter's own.
    return value if len(value) <= 400 and is_public_choice(value) else None


def directory_query_cleaners():
    """For the page cache (letter/page_query.py): each filter's value as the form cleans it,
    None where the form would refuse it, and the page number."""
    fields = DirectoryFilterForm.base_fields
    return {
        **{name: _cleaner(field) for name, field in fields.items()},
        "answer": _public_answer,
        "page": _page_number,
    }
