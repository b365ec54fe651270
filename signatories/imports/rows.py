"""One row of a file held to the sign-on form's rules: its cells, given their columns, as
the values a signature would store, or the reasons in words why it cannot be stored."""

from django.utils.translation import gettext as _

from signatories.forms import SIGNER_FIELDS, SignatureFieldsForm
from signatories.imports.columns import choice_value, country_code
from signatories.models import Signature


class ImportRowForm(SignatureFieldsForm):
    """The sign-on form's fields, validation and normalisation. A historical list may lack
    the contact (it was gathered elsewhere); an invitation needs both name and address."""

    def __init__(self, *args, needs_contact: bool, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("contact_name", "email"):
            self.fields[name].required = needs_contact
        self.fields["listing"].required = False

    def clean_listing(self):
        return self.cleaned_data.get("listing") or Signature.Listing.NAMED

    def _post_clean(self):
        # Each field is the model's own (its length, choices and validators, checked above);
        # whether the address has signed is checked for all rows at once (preview.py).
        pass


_CHOICES = {"country": country_code, "scope": lambda text: choice_value("scope", text)}
_CHOICES["listing"] = lambda text: choice_value("listing", text)


def _unknown_message(field, text):
    if field == "country":
        return _(
            "“%(value)s” is not a country this import knows: give its ISO code (such as FR) "
            "or its name in English, French, Spanish or Arabic."
        ) % {"value": text}
    labels = ", ".join(str(label) for _value, label in Signature._meta.get_field(field).choices)
    return _("“%(value)s” is not one of: %(labels)s.") % {"value": text, "labels": labels}


def row_check(cells: dict, *, needs_contact: bool) -> tuple[dict, list]:
    """(the values to store, []) or ({}, the reasons the row is refused), from the row's
    cells by field name."""
    data, reasons = {}, []
    for field in SIGNER_FIELDS:
        text = cells.get(field, "")
        if field in _CHOICES and text:
            data[field] = _CHOICES[field](text)
            if not data[field]:
                reasons.append(_label(field) + ": " + _unknown_message(field, text))
        else:
            data[field] = text
    form = ImportRowForm(data=data, needs_contact=needs_contact)
    if not form.is_valid():
        for field, errors in form.errors.items():
            if not (field in _CHOICES and cells.get(field) and not data.get(field)):
                reasons.extend(f"{_label(field)}: {error}" for error in errors)
    if reasons:
        return {}, reasons
    return form.signature_fields(), []


def _label(field):
    return str(Signature._meta.get_field(field).verbose_name).capitalize()
