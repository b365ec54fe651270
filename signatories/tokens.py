"""Confirmation links carry a signed, timestamped signature id and revision: no token table
to keep, a link expires after SIGNATURE_CONFIRM_MAX_AGE, and a link sent for values that a
later submission replaced names an old revision, so it no longer confirms anything."""

from typing import NamedTuple

from django.conf import settings
from django.core import signing

_CONFIRM_SALT = "signatories.confirm"


class ConfirmLink(NamedTuple):
    signature_id: int
    revision: int


class TokenExpired(Exception):
    def __init__(self, signature_id):
        super().__init__("confirmation link expired")
        self.signature_id = signature_id


class TokenInvalid(Exception):
    pass


def _signer():
    return signing.TimestampSigner(salt=_CONFIRM_SALT)


def make_confirm_token(signature_id, revision=0):
    # Revision 0 signs the bare id, as links sent before revisions existed did.
    payload = f"{signature_id}:{revision}" if revision else str(signature_id)
    return _signer().sign(payload)


def _parse(payload):
    signature_id, _sep, revision = payload.partition(":")
    return ConfirmLink(int(signature_id), int(revision or 0))


def read_confirm_token(token) -> ConfirmLink:
    """Return the signature id and revision the token was made for, or raise TokenExpired /
    TokenInvalid."""
    signer = _signer()
    try:
        return _parse(signer.unsign(token, max_age=settings.SIGNATURE_CONFIRM_MAX_AGE))
    except signing.SignatureExpired:
        # Genuine but old: we may still say whose it is, to offer a new link.
        raise TokenExpired(_parse(signer.unsign(token)).signature_id) from None
    except (signing.BadSignature, ValueError) as exc:
        raise TokenInvalid() from exc


# The withdrawal link in every email and the unsubscribe link never expire: a signer may take
# a signature back at any time, and an update email read years later must still unsubscribe
# in one click. The withdrawal link only asks for a fresh link by email to the address that
# signed (signatories/signing/withdrawal.py), since emails get forwarded. Each kind has its
# own salt, so that one kind of link cannot serve as another.
_WITHDRAW_SALT = "signatories.withdraw"
_UNSUBSCRIBE_SALT = "signatories.unsubscribe"


def _make_lasting_token(salt, signature_id):
    return signing.Signer(salt=salt).sign(str(signature_id))


def _read_lasting_token(salt, token):
    try:
        return int(signing.Signer(salt=salt).unsign(token))
    except (signing.BadSignature, ValueError) as exc:
        raise TokenInvalid() from exc


def make_withdraw_token(signature_id):
    return _make_lasting_token(_WITHDRAW_SALT, signature_id)


def read_withdraw_token(token):
    return _read_lasting_token(_WITHDRAW_SALT, token)


def make_unsubscribe_token(signature_id):
    return _make_lasting_token(_UNSUBSCRIBE_SALT, signature_id)


def read_unsubscribe_token(token):
    return _read_lasting_token(_UNSUBSCRIBE_SALT, token)


# The fresh link that withdraws, and the one that undoes a withdrawal: timestamped, for one
# revision of the signature (a later submission replaces what it held, and its links).
_WITHDRAW_CONFIRM_SALT = "signatories.withdraw-confirm"
_UNDO_WITHDRAWAL_SALT = "signatories.undo-withdrawal"


def _make_dated_token(salt, signature_id, revision):
    return signing.TimestampSigner(salt=salt).sign(f"{signature_id}:{revision}")


def _read_dated_token(salt, token, max_age) -> ConfirmLink:
    try:
        return _parse(signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age))
    except (signing.BadSignature, ValueError) as exc:  # SignatureExpired included
        raise TokenInvalid() from exc


def make_withdraw_confirm_token(signature_id, revision):
    return _make_dated_token(_WITHDRAW_CONFIRM_SALT, signature_id, revision)


def read_withdraw_confirm_token(token) -> ConfirmLink:
    return _read_dated_token(_WITHDRAW_CONFIRM_SALT, token, settings.SIGNATURE_CONFIRM_MAX_AGE)


def make_undo_withdrawal_token(signature_id, revision):
    return _make_dated_token(_UNDO_WITHDRAWAL_SALT, signature_id, revision)


def read_undo_withdrawal_token(token) -> ConfirmLink:
    max_age = settings.WITHDRAWAL_UNDO_DAYS * 86400
    return _read_dated_token(_UNDO_WITHDRAWAL_SALT, token, max_age)
