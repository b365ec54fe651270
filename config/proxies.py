"""Which peers may speak for a client: TRUSTED_PROXIES, addresses or networks, read by both
settings.py (whose X-Forwarded-For and X-Forwarded-Proto are believed) and gunicorn.conf.py
(forwarded_allow_ips), so that the two never disagree."""

import ipaddress

from django.core.exceptions import ImproperlyConfigured

# Nothing: the embedded default has no proxy in front, and docker-compose names its own.
DEFAULT_TRUSTED_PROXIES = ""


def trusted_proxies(value, *, required=False):
    """The networks of a comma-separated list such as "10.0.0.2,172.16.0.0/12,::1"; with
    `required` (TRUSTED_PROXY_COUNT is set), the list may not be empty."""
    networks = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES holds {item!r}, which is neither an address nor a network."
            ) from None
    if required and not networks:
        raise ImproperlyConfigured(
            "TRUSTED_PROXY_COUNT is set but TRUSTED_PROXIES is empty: name the proxies' addresses "
            "or networks, or every client would count as the proxy."
        )
    return tuple(networks)


def is_trusted_proxy(address, networks):
    """Whether a peer's address (as REMOTE_ADDR gives it) lies in one of the networks."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in networks)
