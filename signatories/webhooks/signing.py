"""Standard Webhooks signatures (https://www.standardwebhooks.com/): HMAC-SHA256 over
"<webhook-id>.<webhook-timestamp>.<body>", keyed by the base64 secret after "whsec_", sent
as "v1,<base64 digest>" in `webhook-signature`. A receiver checks it as verify() does."""

import base64
import hashlib
import hmac

SECRET_PREFIX = "whsec_"


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature_header(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> dict:
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature_header(
            secret=secret, msg_id=msg_id, timestamp=timestamp, body=body
        ),
    }


def verify(*, secret: str, headers: dict, body: bytes) -> bool:
    """Whether one of the space-separated signatures in `headers` is this body's."""
    expected = signature_header(
        secret=secret,
        msg_id=headers["webhook-id"],
        timestamp=int(headers["webhook-timestamp"]),
        body=body,
    )
    return any(
        hmac.compare_digest(expected, candidate)
        for candidate in headers["webhook-signature"].split()
    )
