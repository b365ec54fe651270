"""The page an import's invitation links to, where a signer corrects what the coalition's
list gave before confirming: the sign-on form's fields, rules and messages, prefilled with
what the signature holds. Not the address: the signed link proves it is the signer's, and a
new one would be unproven (signing again with it is the way). Nor the bot checks or the
consent, which no confirmation link asks either: the link is the proof."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django.utils.functional import cached_property

from signatories.forms.signature_fields import SIGNER_FIELDS
from signatories.forms.signing import SignerDetailsForm
from signatories.questions.fields import answers_initial
from signatories.questions.selectors import LetterQuestions

CORRECTED_FIELDS = tuple(name for name in SIGNER_FIELDS if name != "email")


class SignerCorrectionForm(SignerDetailsForm):
    SIGNATURE_FIELDS = CORRECTED_FIELDS

    class Meta(SignerDetailsForm.Meta):
        fields = CORRECTED_FIELDS

    def __init__(
        self, *args, signature, questions: LetterQuestions, answers: dict[int, list[str]], **kwargs
    ):
        initial = answers_initial(questions, signature, answers)
        super().__init__(*args, instance=signature, initial=initial, questions=questions, **kwargs)

    @cached_property
    def helper(self):
        helper = FormHelper()
        helper.form_tag = False  # the template's, with its CSRF token
        helper.disable_csrf = True
        helper.layout = Layout(*CORRECTED_FIELDS, *self.question_names)
        return helper
