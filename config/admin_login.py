"""Admin login throttling with django-axes. Failures count per username, from whatever
address, so that spreading guesses over many addresses gains nothing; and per client
network, for whatever username, so that one network cannot try many accounts."""

from axes.helpers import get_cache, get_client_username, make_cache_key_list
from django.conf import settings


def failure_limit(request, credentials):
    """AXES_FAILURE_LIMIT. django-axes compares one limit with the larger of the two counts,
    but a network, which may be an office full of moderators, gets a higher limit than a
    username (settings make sure of it). So once the username's count has reached its own
    limit that limit applies; until then only the network's count can reach its limit."""
    username = get_client_username(request, credentials)
    [username_key] = make_cache_key_list([{"username": username}])
    if get_cache().get(username_key, 0) >= settings.ADMIN_LOGIN_FAILURE_LIMIT:
        return settings.ADMIN_LOGIN_FAILURE_LIMIT
    return settings.ADMIN_LOGIN_FAILURE_LIMIT_PER_NETWORK
