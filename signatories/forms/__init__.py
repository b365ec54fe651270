"""The forms people fill, by concern; imported from here, as `signatories.forms`."""

from signatories.forms.correction import SignerCorrectionForm
from signatories.forms.directory import DirectoryFilterForm, directory_query_cleaners
from signatories.forms.moderation import (
    ModeratorSignatureForm,
    RejectionForm,
    SignatureCorrectionForm,
)
from signatories.forms.signature_fields import (
    SIGNER_ERROR_MESSAGES,
    SIGNER_FIELDS,
    PublicEmailField,
    SignatureFieldsForm,
    WebsiteField,
    normalize_text,
)
from signatories.forms.signing import NewLinkForm, SignatureForm

__all__ = [
    "SIGNER_ERROR_MESSAGES",
    "SIGNER_FIELDS",
    "DirectoryFilterForm",
    "directory_query_cleaners",
    "ModeratorSignatureForm",
    "NewLinkForm",
    "PublicEmailField",
    "RejectionForm",
    "SignatureCorrectionForm",
    "SignerCorrectionForm",
    "SignatureFieldsForm",
    "SignatureForm",
    "WebsiteField",
    "normalize_text",
]
