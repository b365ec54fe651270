"""Who is asking, as far as rate limits and block lists need to know: the client's address,
taken from REMOTE_ADDR or from X-Forwarded-For through a configured number of trusted
proxies, and stored or logged only as a keyed hash."""

import hashlib
import hmac
import ipaddress

from django.conf import settings


def client_address(request):
    """The address of the client. Behind N trusted proxies, each appends the address it saw
    to X-Forwarded-For, so the client's is the Nth from the right; anything further left was
    written by the client and may be forged."""
    proxies = settings.TRUSTED_PROXY_COUNT
    address = request.META.get("REMOTE_ADDR", "")
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            address = hops[-proxies]
    return _valid_or_empty(address)


def _valid_or_empty(address):
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return ""


def address_hash(address):
    """HMAC-SHA256 of the address with CLIENT_HASH_KEY: stable, so that repeated sign-ons from
    one place can be seen, and not reversible without the key."""
    key = settings.CLIENT_HASH_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def hashed_client_address(request):
    """The client, as django-axes and the logs may know it."""
    return address_hash(client_address(request))


def ratelimit_key(group, request):
    """django-ratelimit key: the hashed client address, so the cache never holds it raw."""
    return hashed_client_address(request)
