"""Sources moderators have blocked: email domains and IP networks, managed in the admin."""

import ipaddress

from django.core.cache import caches
from django.utils.translation import gettext as _

from signatories.hints import email_domain
from signatories.models import BlockedEmailDomain, BlockedNetwork


def blocked_reason(*, email, address):
    """Why a signature from this email and client address is blocked, or ""."""
    domain = email_domain(email)
    if domain and _domain_blocked(domain):
        return _("email domain %(domain)s is blocked") % {"domain": domain}
    if address and _address_blocked(address):
        return _("sent from a blocked network")
    return ""


# Each process reads the lists at most this often: a launch-day rush of sign-ons then costs
# no query for them, and a source a moderator blocks is refused within this many seconds.
LIST_SECONDS = 10
_LISTS_KEY = "signatories:block-lists"


def _current_lists():
    lists = caches["local"].get(_LISTS_KEY)
    if lists is None:
        lists = {
            "domains": frozenset(BlockedEmailDomain.objects.values_list("domain", flat=True)),
            "networks": tuple(
                _network(value)
                for value in BlockedNetwork.objects.values_list("network", flat=True)
            ),
        }
        caches["local"].set(_LISTS_KEY, lists, LIST_SECONDS)
    return lists


def block_lists_forget():
    """Make this process read the lists again at once (others within LIST_SECONDS)."""
    caches["local"].delete(_LISTS_KEY)


def _network(value):
    try:
        return ipaddress.ip_network(value, strict=False)
    except (ValueError, TypeError):
        return None


def _domain_blocked(domain):
    # Blocking example.org also blocks mail.example.org.
    labels = domain.split(".")
    candidates = {".".join(labels[i:]) for i in range(len(labels) - 1)}
    return not candidates.isdisjoint(_current_lists()["domains"])


def _address_blocked(address):
    ip = ipaddress.ip_address(address)
    return any(
        network is not None and ip.version == network.version and ip in network
        for network in _current_lists()["networks"]
    )
