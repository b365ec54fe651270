"""The forms moderators fill: a signature they enter or correct, and the reason for a
rejection."""

from django import forms
from django.utils.translation import gettext_lazy as _

from signatories.forms.signature_fields import SIGNER_FIELDS, SignatureFieldsForm


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
