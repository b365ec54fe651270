"""Sources moderators have blocked: email domains and IP networks, managed in the admin."""

import ipaddress

from django.utils.translation import gettext as _

from .hints import email_domain
from .models import BlockedEmailDomain, BlockedNetwork


def blocked_reason(*, email, address):
    """Why a signature from this email and client address is blocked, or ""."""
    domain = email_domain(email)
    if domain and _domain_blocked(domain):
        return _("email domain %(domain)s is blocked") % {"domain": domain}
    if address and _address_blocked(address):
        return _("sent from a blocked network")
    return ""


def _domain_blocked(domain):
    # Blocking example.org also blocks mail.example.org.
    labels = domain.split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    return BlockedEmailDomain.objects.filter(domain__in=candidates).exists()


def _address_blocked(address):
    ip = ipaddress.ip_address(address)
    for network in BlockedNetwork.objects.values_list("network", flat=True):
        try:
            if ip in ipaddress.ip_network(network, strict=False):
                return True
        except (ValueError, TypeError):
            continue
    return False
