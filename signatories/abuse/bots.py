"""Bot checks on the sign-on form. Bots fill every field and post at once: a field people
never see (the honeypot), and the time the form was shown, signed so that it cannot be
forged (the fill timer), accepted for SIGNING_FORM_MAX_AGE and for one signature: otherwise
one token fetched once would serve a bot's every POST."""

import hashlib
import time

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django_redis import get_redis_connection
from django_redis.cache import RedisCache
from redis.exceptions import RedisError

_STARTED_SALT = "signatories.form-started"

# Why a signature is stored as blocked when its honeypot field was filled.
HONEYPOT_REASON = "filled the hidden field"


def form_started_token():
    """The time the form is shown, signed so that a bot cannot forge an earlier one."""
    return signing.dumps(time.time(), salt=_STARTED_SALT)


def seconds_since_started(token):
    """Seconds since the form carrying this token was shown, or None if it was tampered or
    was shown more than SIGNING_FORM_MAX_AGE ago."""
    try:
        shown = signing.loads(token, salt=_STARTED_SALT, max_age=settings.SIGNING_FORM_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired included
        return None
    return time.time() - shown


def filled_too_fast(token):
    """Whether the form was posted sooner than a person could fill it, or its token forged
    or too old."""
    elapsed = seconds_since_started(token)
    return elapsed is None or elapsed < settings.SIGNING_MIN_FILL_SECONDS


def form_token_spend(token) -> bool:
    """Mark this (valid) form token used; False if it was used before. Remembered in the
    cache (Redis, shared by every process) for as long as the token is accepted, by one
    SET NX: the cache API's add() took a tenth of a POST's time. While Redis cannot be
    reached nobody is refused, as with the rate limits."""
    key = "signon:form-used:" + hashlib.sha256(token.encode()).hexdigest()[:32]
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return cache.add(key, 1, timeout=settings.SIGNING_FORM_MAX_AGE) is not False
    try:
        redis = get_redis_connection("default")
        return bool(redis.set(cache.make_key(key), 1, ex=settings.SIGNING_FORM_MAX_AGE, nx=True))
    except RedisError:
        return True


def honeypot_reason(value):
    """Why a submission whose hidden field holds `value` looks like a bot's, or ""."""
    return HONEYPOT_REASON if value else ""
