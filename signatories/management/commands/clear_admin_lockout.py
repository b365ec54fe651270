"""Lift admin login lockouts: `manage.py clear_admin_lockout --username mod1`, or
`--network 2001:db8:1:2::/64` (or any address in it), or both for the pair."""

import ipaddress

from django.core.management.base import BaseCommand, CommandError

from signatories.abuse.clients import address_hash
from signatories.abuse.lockouts import lockout_clear


class Command(BaseCommand):
    help = "Lift admin login lockouts of a username, a client network, or the pair."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="")
        parser.add_argument("--network", default="", help="An address, or a network in CIDR.")

    def handle(self, *args, username, network, **options):
        if not (username or network):
            raise CommandError("Give --username, --network or both.")
        network_hash = _network_hash(network) if network else ""
        lifted = lockout_clear(username=username, network=network_hash)
        self.stdout.write(f"Failure counts forgotten; {lifted} recorded lockout(s) lifted.")


def _network_hash(network):
    """The hash a client of this network is counted as (CLIENT_IPV6_PREFIX and
    CLIENT_IPV4_PREFIX decide how much of it counts as one client)."""
    try:
        address = ipaddress.ip_network(network, strict=False).network_address
    except ValueError:
        raise CommandError(f"{network!r} is neither an address nor a network.") from None
    return address_hash(str(address))
