"""Admin login throttling with django-axes. Failures count per (username, network) pair,
per username and per client network (AXES_LOCKOUT_PARAMETERS); which count locks whom is
decided in signatories/abuse/lockouts.py, so that guesses from outside can lock a username
only from networks it never signed in from, and never its moderator's own."""

from axes.helpers import get_client_username

from signatories.abuse.clients import hashed_client_address
from signatories.abuse.lockouts import failure_counts, lockout_scope


def failure_limit(request, credentials):
    """AXES_FAILURE_LIMIT. django-axes compares one limit with the largest of the counts,
    whereas each count has its own limit, and the username's spares known networks: so the
    limit given is that largest count when this client is locked out, and one more when not."""
    username = get_client_username(request, credentials)
    network = getattr(request, "axes_ip_address", None) or hashed_client_address(request)
    counts = failure_counts(username, network)
    highest = max(counts.values())
    return highest if lockout_scope(username, network, counts) else highest + 1
