"""Who is asking, as far as rate limits, login throttling and block lists need to know: the
client's address, taken from REMOTE_ADDR or from the X-Forwarded-For hops written by trusted
proxies, counted by network, and stored or logged only as a keyed hash."""

import hashlib
import hmac
import ipaddress

from django.conf import settings

from config.proxies import is_trusted_proxy


def client_address(request):
    """The address of the client. Each proxy appends the address it saw to X-Forwarded-For,
    so behind N proxies the client's is the Nth from the right; but a hop is believed only
    when it was written by a proxy of TRUSTED_PROXIES (the peer, then each hop so far), as
    anyone who reaches the app directly may send the header too. Anything further left was
    written by the client and may be forged."""
    address = request.META.get("REMOTE_ADDR", "")
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    for hop in range(1, settings.TRUSTED_PROXY_COUNT + 1):
        if hop > len(hops) or not is_trusted_proxy(address, settings.TRUSTED_PROXIES):
            break
        address = hops[-hop]
    return _valid_or_empty(address)


def _valid_or_empty(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    # A dual-stack socket shows an IPv4 client as ::ffff:a.b.c.d; counted as IPv6, every
    # IPv4 client would fall into one /64.
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return str(ip)


def client_network(address):
    """The network a client is counted as. One IPv6 subscriber usually holds a whole /64 and
    can pick a fresh address in it for every request, so an IPv6 address counts as its
    CLIENT_IPV6_PREFIX network; an IPv4 address as its CLIENT_IPV4_PREFIX one (by default
    the address itself, which is written bare, as hashes were before networks counted)."""
    if not address:
        return ""
    ip = ipaddress.ip_address(address)
    prefix = settings.CLIENT_IPV6_PREFIX if ip.version == 6 else settings.CLIENT_IPV4_PREFIX
    if prefix >= ip.max_prefixlen:
        return str(ip)
    return ipaddress.ip_network((ip, prefix), strict=False).with_prefixlen


def address_hash(address):
    """HMAC-SHA256 of the address's network (see client_network) with CLIENT_HASH_KEY:
    stable, so that repeated sign-ons from one place can be seen, and not reversible without
    the key. Rate limits, login throttling and stored signatures all use this one hash."""
    key = settings.CLIENT_HASH_KEY.encode()
    return hmac.new(key, client_network(address).encode(), hashlib.sha256).hexdigest()


def hashed_client_address(request):
    """The client's network, as django-axes and the logs may know it."""
    return address_hash(client_address(request))


def ratelimit_key(group, request):
    """The rate limits' key: the client's hashed network, so the cache never holds it raw."""
    return hashed_client_address(request)
