"""The signatories app's models, by concern; imported from here, as `signatories.models`."""

from signatories.models.answers import Answer
from signatories.models.blocklists import BlockedEmailDomain, BlockedNetwork
from signatories.models.emails import (
    ModeratorDigest,
    Notification,
    OwedEmail,
    UpdateDelivery,
    UpdateSend,
)
from signatories.models.exports import PublicExport
from signatories.models.imports import SignatureImport
from signatories.models.lockouts import AdminLoginLockout
from signatories.models.partners import Partner
from signatories.models.signatures import Signature, SignatureEvent, SignatureQuerySet
from signatories.models.webhooks import WebhookDelivery, WebhookEndpoint

__all__ = [
    "AdminLoginLockout",
    "Answer",
    "BlockedEmailDomain",
    "BlockedNetwork",
    "ModeratorDigest",
    "Notification",
    "OwedEmail",
    "Partner",
    "PublicExport",
    "Signature",
    "SignatureEvent",
    "SignatureImport",
    "SignatureQuerySet",
    "UpdateDelivery",
    "UpdateSend",
    "WebhookDelivery",
    "WebhookEndpoint",
]
