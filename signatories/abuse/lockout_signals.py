"""Receivers of django-axes's lockouts and Django's sign-ins (connected in apps.py)."""

from signatories.abuse.clients import hashed_client_address
from signatories.abuse.lockouts import lockout_record, network_remember


def record_lockout(sender, request, username, ip_address, **kwargs):
    lockout_record(username=username or "", network=ip_address or "")


def remember_network(sender, request, user, **kwargs):
    if request is not None:
        network = getattr(request, "axes_ip_address", None) or hashed_client_address(request)
        network_remember(username=user.get_username(), network=network)
