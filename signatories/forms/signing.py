"""The forms signers fill: the sign-on form and the request for a new link."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from signatories.abuse.bots import (
    filled_too_fast,
    form_started_token,
    form_token_spend,
    honeypot_reason,
)
from signatories.forms.error_summary import ErrorSummaryMixin
from signatories.forms.signature_fields import (
    SIGNER_ERROR_MESSAGES,
    SIGNER_FIELDS,
    PublicEmailField,
    SignatureFieldsForm,
    signature_form_field,
)
from signatories.forms.widgets import CachedOptionsSelect
from signatories.questions.fields import answers_from, question_fields, standard_values
from signatories.questions.selectors import LetterQuestions


def _signer_form_field(model_field, **kwargs):
    field = signature_form_field(model_field, **kwargs)
    if model_field.name in ("scope", "listing"):
        field.choices = model_field.choices  # radio buttons: no blank choice
    return field


class SignerDetailsForm(SignatureFieldsForm):
    """What a signer tells about the organization and themself, with the letter's own
    questions: the fields, labels, help and rules of the sign-on form, which the invitation's
    correction page (forms/correction.py) shares."""

    class Meta(SignatureFieldsForm.Meta):
        fields = SIGNER_FIELDS
        formfield_callback = _signer_form_field
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

    def __init__(self, *args, questions: LetterQuestions | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        questions = questions or LetterQuestions()
        # The letter's own questions come after the standard fields, before the consent, in
        # the form and in its error summary alike.
        self.questions = questions
        self.question_names = list(question_fields(questions))
        standard = {name: self.fields[name] for name in SIGNER_FIELDS if name in self.fields}
        self.fields = {**standard, **question_fields(questions), **self.fields}
        self.fields["website"].help_text = _(
            "Optional. Shown as a link on the organization's name."
        )
        # Blank is allowed in the model for signatures moderators enter from paper; a signer
        # must give a name.
        self.fields["contact_name"].required = True

    def _post_clean(self):
        # ModelForm would now fill self.instance and validate it as a model. The views hand
        # cleaned_data to a signature service and never save this instance, and each field
        # here is the model's own (its length, choices and validators, checked above), so
        # the model's validation would only repeat the form's, at a tenth of a POST's time.
        pass

    def signature_fields(self):
        """The cleaned values the signing service takes, with the answers to the questions."""
        return {
            **super().signature_fields(),
            **standard_values(self.questions, self.cleaned_data),
            "answers": answers_from(self.questions, self.cleaned_data),
        }


class SignatureForm(SignerDetailsForm):
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

    class Meta(SignerDetailsForm.Meta):
        fields = (*SIGNER_FIELDS, "wants_updates")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A signer must give an address, or could never confirm.
        self.fields["email"].required = True
        # Signed when the form is shown, not for a form that is only posted.
        self.fields["started"].initial = form_started_token

    @cached_property
    def helper(self):
        # The template wraps the fields in its own <form> with the per-request tokens (CSRF and
        # "started"), so that the fields of the empty form can be rendered once and cached.
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            *SIGNER_FIELDS,
            *self.question_names,
            Div("homepage", css_class="signon-extra", aria_hidden="true"),
            "consent",
            "wants_updates",
        )
        return helper

    def clean(self):
        cleaned = super().clean()
        started = cleaned.get("started") or ""
        # A person who really was that quick, or took hours, or pressed twice, only has to
        # press the button again. The token is spent only by a form that will be stored, so
        # that one sent back with errors may be corrected and sent with it again.
        if filled_too_fast(started) or (not self.errors and not form_token_spend(started)):
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
