"""Confirmation links carry a signed, timestamped signature id: no token table to keep,
and a link expires after SIGNATURE_CONFIRM_MAX_AGE."""

from django.conf import settings
from django.core import signing

_CONFIRM_SALT = "signatories.confirm"


class TokenExpired(Exception):
    def __init__(self, signature_id):
        super().__init__("confirmation link expired")
        self.signature_id = signature_id


class TokenInvalid(Exception):
    pass


def _signer():
    return signing.TimestampSigner(salt=_CONFIRM_SALT)


def make_confirm_token(signature_id):
    return _signer().sign(str(signature_id))


def read_confirm_token(token):
    """Return the signature id the token was made for, or raise TokenExpired / TokenInvalid."""
    signer = _signer()
    try:
        return int(signer.unsign(token, max_age=settings.SIGNATURE_CONFIRM_MAX_AGE))
    except signing.SignatureExpired:
        # Genuine but old: we may still say whose it is, to offer a new link.
        return_id = int(signer.unsign(token))
        raise TokenExpired(return_id) from None
    except (signing.BadSignature, ValueError) as exc:
        raise TokenInvalid() from exc


_WITHDRAW_SALT = "signatories.withdraw"


def make_withdraw_token(signature_id):
    # No expiry: a signer may take a signature back at any time.
    return signing.Signer(salt=_WITHDRAW_SALT).sign(str(signature_id))


def read_withdraw_token(token):
    try:
        return int(signing.Signer(salt=_WITHDRAW_SALT).unsign(token))
    except (signing.BadSignature, ValueError) as exc:
        raise TokenInvalid() from exc
