"""The forms people fill: signers, moderators entering or correcting a signature, and the
reason for a rejection. Text is normalised here, once: the services store what they get."""

import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.contrib.auth.base_user import BaseUserManager
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from letter.regions import REGION_LABELS, REGIONS

from .abuse.bots import filled_too_fast, form_started_token, honeypot_reason
from .error_summary import ErrorSummaryMixin
from .models import Signature
from .validators import validate_public_email, validate_website, validate_website_text
from .widgets import CachedOptionsSelect


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
    """An address we can send to: at a domain name, not an IP address or a local name."""

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "---------" says nothing to a person, nor to a screen reader.
        country = self.fields["country"]
        country.choices = [("", _("Choose a country")), *(c for c in country.choices if c[0])]

    def clean_organization(self):
        return self._text("organization")

    def clean_contact_name(self):
        return self._text("contact_name")

    def _text(self, name):
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


class SignatureForm(SignatureFieldsForm):
    SIGNATURE_FIELDS = (*SIGNER_FIELDS, "wants_updates")

    # Bots fill every field and post at once: a field people never see, and the time the
    # form was shown, signed so that it cannot be forged (see abuse.bots).
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    consent = forms.BooleanField(
        label=_(
            "I agree that the contact details above are used only to confirm and manage this "
            "signature, and to send me updates about this letter if I ask for them below. "
            "They are never published."
        ),
        required=True,
        error_messages={
            "required": _(
                "Tick the box to agree that your contact details are used to confirm and "
                "manage this signature."
            )
        },
    )

    class Meta(SignatureFieldsForm.Meta):
        fields = (*SIGNER_FIELDS, "wants_updates")
        labels = {
            "wants_updates": _("Email me updates about this letter"),
            "organization": _("Organization"),
            "country": _("Country"),
            "scope": _("Scope of work"),
            "listing": _("How should the organization be listed?"),
            "contact_name": _("Your name"),
            "email": _("Your email"),
        }
        help_texts = {
            "organization": _("As it should appear on the letter."),
            "listing": _(
                "Organizations at risk may sign without being named: moderators still see the "
                "name, but no public page, export or data feed shows it."
            ),
            "contact_name": _("Not published."),
            "email": _(
                "Use an address at the organization’s own domain if it has one, such as "
                "name@ngo.org: moderators can then see that you speak for it. "
                "We send a confirmation link here. Not published."
            ),
            "wants_updates": _(
                "Optional. A few emails from the coordinators, such as the letter's delivery "
                "and the replies, sent to the address above in your language. Each has a "
                "link to stop them; they stop too when the contact details are erased."
            ),
        }
        widgets = {
            "organization": forms.TextInput(attrs={"autocomplete": "organization"}),
            "scope": forms.RadioSelect,
            "listing": forms.RadioSelect,
            "country": CachedOptionsSelect(attrs={"autocomplete": "country"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].help_text = _(
            "Optional. Shown as a link on the organization's name."
        )
        self.fields["scope"].choices = Signature.Scope.choices
        self.fields["listing"].choices = Signature.Listing.choices
        # Blank is allowed in the model for signatures moderators enter from paper; a signer
        # must give both, or could never confirm.
        for name in ("contact_name", "email"):
            self.fields[name].required = True
        self.fields["started"].initial = form_started_token()
        # The template wraps the fields in its own <form> with the per-request tokens (CSRF and
        # "started"), so that the fields of the empty form can be rendered once and cached.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            *SIGNER_FIELDS,
            Div("homepage", css_class="signon-extra", aria_hidden="true"),
            "consent",
            "wants_updates",
        )

    def clean(self):
        cleaned = super().clean()
        if filled_too_fast(cleaned.get("started") or ""):
            # A person who really was that quick only has to press the button again.
            self.data = self.data.copy()
            self.data["started"] = form_started_token()
            self.add_error(
                None, _("Please check your details, then press “Sign the letter” again.")
            )
        return cleaned

    @property
    def bot_reason(self):
        """Why this submission looks like a bot's, or "" (valid forms only)."""
        return honeypot_reason(self.cleaned_data.get("homepage"))


class NewLinkForm(ErrorSummaryMixin, forms.Form):
    email = PublicEmailField(
        label=_("Your email"),
        error_messages=SIGNER_ERROR_MESSAGES["email"],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # Also shown on the page of a broken link, which must not post back to itself.
        self.helper.form_action = reverse_lazy("signatories:new_link")
        self.helper.add_input(Submit("submit", _("Send me a new link")))


class RejectionForm(forms.Form):
    """The reason a moderator gives for rejecting, sent to the signer and kept."""

    OTHER = "other"
    COMMON_REASONS = [
        _("We could not verify that you represent this organization."),
        _("This organization has already signed the letter."),
        _("The letter is signed by organizations, not by individuals."),
        _("The organization's work does not fit the letter's purpose."),
    ]

    reason_choice = forms.ChoiceField(label=_("Reason"), widget=forms.RadioSelect)
    reason_text = forms.CharField(
        label=_("Reason in your own words"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the signer and kept with the signature."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason_choice"].choices = [
            *((str(i), reason) for i, reason in enumerate(self.COMMON_REASONS)),
            (self.OTHER, _("Another reason (below)")),
        ]

    def clean(self):
        cleaned = super().clean()
        choice, text = cleaned.get("reason_choice"), (cleaned.get("reason_text") or "").strip()
        if choice == self.OTHER and not text:
            self.add_error("reason_text", _("Write the reason, or pick one above."))
        elif choice is not None:
            cleaned["reason"] = (
                text if choice == self.OTHER else str(self.COMMON_REASONS[int(choice)])
            )
        return cleaned


class ModeratorSignatureForm(SignatureFieldsForm):
    """A signature received by email or on paper, entered by a moderator."""

    SIGNATURE_FIELDS = ("letter", *SIGNER_FIELDS)

    agreed = forms.BooleanField(
        label=_("The organization asked to sign and agreed to be listed"), required=True
    )

    class Meta(SignatureFieldsForm.Meta):
        fields = ("letter", *SIGNER_FIELDS)
        help_texts = {
            "email": _("Optional. No email is sent to it."),
            "contact_name": _("Optional. Never published."),
        }


class SignatureCorrectionForm(SignatureFieldsForm):
    """A moderator's correction of how an organization appears (the admin names the fields),
    held to the rules of the sign-on form."""


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = "form-control" if name == "query" else "form-select"
            field.widget.attrs["class"] = css
