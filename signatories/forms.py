from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.base_user import BaseUserManager
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .models import Signature
from .services import normalize_text


class SignatureForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=500,
        assume_scheme="https",
        # type="url" would make browsers refuse "ngo.example.org" before the form can add https.
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"}),
        help_text=_("Optional. Shown as a link on the organization's name."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the contact details above are used only to confirm and manage this "
            "signature. They are never published."
        ),
        required=True,
    )

    class Meta:
        model = Signature
        fields = ["organization", "country", "scope", "website", "contact_name", "email"]
        labels = {
            "organization": _("Organization"),
            "country": _("Country"),
            "scope": _("Scope of work"),
            "contact_name": _("Your name"),
            "email": _("Your email"),
        }
        help_texts = {
            "organization": _("As it should appear on the letter."),
            "contact_name": _("Not published."),
            "email": _("We send a confirmation link here. Not published."),
        }
        widgets = {"scope": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = Signature.Scope.choices
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Sign the letter")))

    def clean_organization(self):
        return self._required_text("organization")

    def clean_contact_name(self):
        return self._required_text("contact_name")

    def _required_text(self, name):
        value = normalize_text(self.cleaned_data[name])
        if not value:
            raise forms.ValidationError(_("This field is required."))
        return value

    def clean_email(self):
        return BaseUserManager.normalize_email(self.cleaned_data["email"].strip())

    def signature_fields(self):
        """The cleaned values the signature_submit service takes."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NewLinkForm(forms.Form):
    email = forms.EmailField(label=_("Your email"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # Also shown on the page of a broken link, which must not post back to itself.
        self.helper.form_action = reverse_lazy("signatories:new_link")
        self.helper.add_input(Submit("submit", _("Send me a new link")))
