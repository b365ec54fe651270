"""Admin login throttling with django-axes, for settings.py (the limits: see .env.example;
the rules: config/admin_login.py)."""

from django.core.exceptions import ImproperlyConfigured


def admin_login_settings(env):
    failure_limit = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=5)
    per_network = env.int("ADMIN_LOGIN_FAILURE_LIMIT_PER_NETWORK", default=10)
    per_username = env.int("ADMIN_LOGIN_FAILURE_LIMIT_PER_USERNAME", default=30)
    # A network's or a username's limit below the pair's would make the pair's unreachable.
    if min(per_network, per_username) < failure_limit:
        raise ImproperlyConfigured(
            "ADMIN_LOGIN_FAILURE_LIMIT_PER_NETWORK and ADMIN_LOGIN_FAILURE_LIMIT_PER_USERNAME "
            "must be at least ADMIN_LOGIN_FAILURE_LIMIT."
        )
    return {
        "ADMIN_LOGIN_FAILURE_LIMIT": failure_limit,
        "ADMIN_LOGIN_FAILURE_LIMIT_PER_NETWORK": per_network,
        "ADMIN_LOGIN_FAILURE_LIMIT_PER_USERNAME": per_username,
        "AUTHENTICATION_BACKENDS": [
            "axes.backends.AxesStandaloneBackend",
            "django.contrib.auth.backends.ModelBackend",
        ],
        "AXES_HANDLER": "axes.handlers.cache.AxesCacheHandler",
        # Counted in this process when Redis refuses (config/failsafe_cache.py).
        "AXES_CACHE": "throttle",
        "AXES_FAILURE_LIMIT": "config.admin_login.failure_limit",
        "AXES_COOLOFF_TIME": env.int("ADMIN_LOGIN_COOLOFF_MINUTES", default=15) / 60,  # hours
        # Three counts: the (username, network) pair, the username, the network
        # (signatories/abuse/lockouts.py says which locks whom).
        "AXES_LOCKOUT_PARAMETERS": [["username", "ip_address"], "username", "ip_address"],
        # Failures during a lockout are refused without being counted, so they cannot keep the
        # cool-off running.
        "AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT": False,
        # The client's network, HMAC-hashed: axes neither stores nor logs the address itself.
        "AXES_CLIENT_IP_CALLABLE": "signatories.abuse.clients.hashed_client_address",
        "AXES_DISABLE_ACCESS_LOG": True,
        "AXES_RESET_ON_SUCCESS": True,
        "AXES_VERBOSE": False,
    }
