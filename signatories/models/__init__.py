"""The signatories app's models, by concern; imported from here, as `signatories.models`."""

from .blocklists import BlockedEmailDomain, BlockedNetwork
from .emails import ModeratorDigest, Notification, OwedEmail, UpdateDelivery, UpdateSend
from .signatures import Signature, SignatureEvent, SignatureQuerySet

__all__ = [
    "BlockedEmailDomain",
    "BlockedNetwork",
    "ModeratorDigest",
    "Notification",
    "OwedEmail",
    "Signature",
    "SignatureEvent",
    "SignatureQuerySet",
    "UpdateDelivery",
    "UpdateSend",
]
