"""Bot checks on the sign-on form. Bots fill every field and post at once: a field people
never see (the honeypot), and the time the form was shown, signed so that it cannot be
forged (the fill timer)."""

import time

from django.conf import settings
from django.core import signing

_STARTED_SALT = "signatories.form-started"

# Why a signature is stored as blocked when its honeypot field was filled.
HONEYPOT_REASON = "filled the hidden field"


def form_started_token():
    """The time the form is shown, signed so that a bot cannot forge an earlier one."""
    return signing.dumps(time.time(), salt=_STARTED_SALT)


def seconds_since_started(token):
    """Seconds since the form carrying this token was shown, or None if it was tampered."""
    try:
        return time.time() - signing.loads(token, salt=_STARTED_SALT)
    except signing.BadSignature:
        return None


def filled_too_fast(token):
    """Whether the form was posted sooner than a person could fill it, or its token forged."""
    elapsed = seconds_since_started(token)
    return elapsed is None or elapsed < settings.SIGNING_MIN_FILL_SECONDS


def honeypot_reason(value):
    """Why a submission whose hidden field holds `value` looks like a bot's, or ""."""
    return HONEYPOT_REASON if value else ""
