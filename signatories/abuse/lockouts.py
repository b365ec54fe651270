"""Admin login lockouts (the rules: config/admin_login.py). Failures count per (username,
network) pair, per username and per network; a username's own count locks it only from
networks it never signed in from, so no one outside can keep a moderator out of the admin
from the moderator's own network. Lockouts are recorded for the admin, and lifted here."""

from datetime import timedelta

from axes.helpers import get_cache, make_cache_key_list
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from signatories.models import AdminLoginLockout

KNOWN_NETWORK_DAYS = 180
Scope = AdminLoginLockout.Scope


def failure_keys(username, network):
    """django-axes's cache keys of the three counts (AXES_LOCKOUT_PARAMETERS' order)."""
    pair, by_username, by_network = make_cache_key_list(
        [
            {"username": username, "ip_address": network},
            {"username": username},
            {"ip_address": network},
        ]
    )
    return {Scope.PAIR: pair, Scope.USERNAME: by_username, Scope.NETWORK: by_network}


def failure_counts(username, network):
    cache = get_cache()
    return {scope: cache.get(key, 0) for scope, key in failure_keys(username, network).items()}


def lockout_scope(username, network, counts=None):
    """The scope of the lockout this client is under, or None."""
    counts = counts or failure_counts(username, network)
    if counts[Scope.PAIR] >= settings.ADMIN_LOGIN_FAILURE_LIMIT:
        return Scope.PAIR
    if counts[Scope.NETWORK] >= settings.ADMIN_LOGIN_FAILURE_LIMIT_PER_NETWORK:
        return Scope.NETWORK
    if counts[Scope.USERNAME] >= settings.ADMIN_LOGIN_FAILURE_LIMIT_PER_USERNAME:
        return None if network_is_known(username, network) else Scope.USERNAME
    return None


def _known_key(username, network):
    return make_cache_key_list(
        [{"known": "admin-login-known", "username": username, "ip": network}]
    )[0]


def network_remember(*, username: str, network: str) -> None:
    """A successful sign-in: this username's own network from now on."""
    get_cache().set(_known_key(username, network), True, KNOWN_NETWORK_DAYS * 86400)


def network_is_known(username, network):
    return bool(get_cache().get(_known_key(username, network)))


@transaction.atomic
def lockout_record(*, username: str, network: str) -> None:
    """Record the lockout django-axes just declared (or refused an attempt under)."""
    scope = lockout_scope(username, network)
    if scope is None:
        return
    now = timezone.now()
    until = now + timedelta(hours=settings.AXES_COOLOFF_TIME)
    lockout, created = AdminLoginLockout.objects.get_or_create(
        scope=scope,
        username="" if scope == Scope.NETWORK else username,
        network="" if scope == Scope.USERNAME else network,
        defaults={"locked_at": now, "expires_at": until},
    )
    # Refused attempts during a lockout do not prolong it (AXES_RESET_COOL_OFF_...), nor
    # its record; a new lockout after an old one expired renews the record.
    if not created and lockout.expires_at <= now:
        lockout.locked_at, lockout.expires_at = now, until
        lockout.save(update_fields=["locked_at", "expires_at"])


@transaction.atomic
def lockout_clear(*, username: str = "", network: str = "") -> int:
    """Lift every lockout of a username, or of a network (its hash), or of the pair: their
    failure counts are forgotten and their records deleted. Returns the records deleted."""
    lockouts = AdminLoginLockout.objects.all()
    if username:
        lockouts = lockouts.filter(username=username)
    if network:
        lockouts = lockouts.filter(network=network)
    keys = set()
    for lockout in lockouts:
        keys.update(failure_keys(lockout.username, lockout.network).values())
    keys.update(failure_keys(username, network).values())
    cache = get_cache()
    for key in keys:
        cache.delete(key)
    deleted, _ = lockouts.delete()
    return deleted
