import pytest
from django.core import signing

from signatories.tokens import TokenExpired, TokenInvalid, make_confirm_token, read_confirm_token


def test_token_round_trip():
    assert read_confirm_token(make_confirm_token(42)) == (42, 0)
    assert read_confirm_token(make_confirm_token(42, 3)) == (42, 3)


def test_tampered_token_is_invalid():
    token = make_confirm_token(42)
    with pytest.raises(TokenInvalid):
        read_confirm_token(token.replace("42", "43", 1))


def test_token_signed_for_another_purpose_is_invalid():
    with pytest.raises(TokenInvalid):
        read_confirm_token(signing.TimestampSigner(salt="other").sign("42"))


def test_expired_token_still_names_its_signature(settings):
    token = make_confirm_token(42)
    settings.SIGNATURE_CONFIRM_MAX_AGE = -1
    with pytest.raises(TokenExpired) as expired:
        read_confirm_token(token)
    assert expired.value.signature_id == 42
