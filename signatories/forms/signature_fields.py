"""What the signers' and the moderators' signature forms share: the fields, their error
messages, and the text normalised here, once: the services store what they get."""

import unicodedata

from django import forms
from django.contrib.auth.base_user import BaseUserManager
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from signatories.forms.error_summary import ErrorSummaryMixin
from signatories.models import Signature
from signatories.signing.validators import (
    validate_public_email,
    validate_visible_text,
    validate_website,
    validate_website_text,
)


def normalize_text(value):
    """NFC and single spaces, so that one name has one spelling in the database."""
    return " ".join(unicodedata.normalize("NFC", value).split())


class WebsiteField(forms.URLField):
    """An organization's website, as signers and moderators enter it: an http(s) address
    of one named host, that a browser and the moderators' hints read the same way."""

    # type="url" would make browsers refuse "ngo.example.org" before the form can add https.
    widget = forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"})

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        kwargs.setdefault("max_length", 500)
        super().__init__(**kwargs)

    def to_python(self, value):
        # Checked as typed: normalising drops the tabs and newlines that must be refused.
        text = forms.CharField.to_python(self, value)
        if text:
            validate_website_text(text)
        return super().to_python(value)

    def run_validators(self, value):
        # After Django's own checks, so that an address gets one error message, not two.
        super().run_validators(value)
        if value not in self.empty_values:
            validate_website(value)


class PublicEmailField(forms.EmailField):
    """An address we can send to: at a domain name, not an IP address or a local name, and
    with nothing invisible in it (an IDN codec would drop a zero-width space silently)."""

    def to_python(self, value):
        text = forms.CharField.to_python(self, value)
        if text:
            validate_visible_text(text)
        return super().to_python(value)

    def run_validators(self, value):
        super().run_validators(value)
        if value not in self.empty_values:
            validate_public_email(value)


# What a signer gives, in the order the form shows it.
SIGNER_FIELDS = ("organization", "country", "scope", "website", "listing", "contact_name", "email")


# Each error says what to do about it.
SIGNER_ERROR_MESSAGES = {
    "organization": {"required": _("Enter the organization’s name.")},
    "country": {"required": _("Choose the country where the organization is based.")},
    "scope": {"required": _("Choose the scope of the organization’s work.")},
    "listing": {"required": _("Choose how the organization should be listed.")},
    "contact_name": {"required": _("Enter your name.")},
    "email": {
        "required": _("Enter your email address."),
        "invalid": _("Enter an email address such as name@ngo.org."),
    },
}


def country_choices():
    """The countries by name in the active language. "---------" says nothing to a person,
    nor to a screen reader."""
    return [("", _("Choose a country")), *((code, name) for code, name in countries)]


def signature_form_field(model_field, **kwargs):
    """The form field Django makes for a model field. The country's choices are given as a
    callable, which Django calls each time the form is shown: each form copies it at no cost,
    and a form only posted, never shown, lists no country."""
    field = model_field.formfield(**kwargs)
    if model_field.name == "country":
        field.choices = country_choices
    return field


class SignatureFieldsForm(ErrorSummaryMixin, forms.ModelForm):
    """What the public and the moderators' signature forms share: the website as the sign-on
    form reads it, and the text of each field normalised."""

    SIGNATURE_FIELDS = SIGNER_FIELDS

    website = WebsiteField(label=_("Website"), required=False)

    class Meta:
        model = Signature
        fields = SIGNER_FIELDS
        field_classes = {"email": PublicEmailField}
        error_messages = SIGNER_ERROR_MESSAGES
        formfield_callback = signature_form_field

    def clean_organization(self):
        return self._text("organization")

    def clean_contact_name(self):
        return self._text("contact_name")

    def _text(self, name):
        validate_visible_text(self.cleaned_data[name])
        value = normalize_text(self.cleaned_data[name])
        if not value and self.fields[name].required:
            field = self.fields[name]
            raise forms.ValidationError(field.error_messages["required"], code="required")
        return value

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        return BaseUserManager.normalize_email(email) if email else ""

    def signature_fields(self):
        """The cleaned values the signature services take."""
        return {name: self.cleaned_data[name] for name in self.SIGNATURE_FIELDS}
