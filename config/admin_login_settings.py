"""django-axes' settings, for settings.py: what admin login throttling counts and how (the
limits themselves are ADMIN_LOGIN_* in settings.py; see config/admin_login.py)."""


def axes_settings(*, cooloff_minutes):
    return {
        "AUTHENTICATION_BACKENDS": [
            "axes.backends.AxesStandaloneBackend",
            "django.contrib.auth.backends.ModelBackend",
        ],
        "AXES_HANDLER": "axes.handlers.cache.AxesCacheHandler",
        "AXES_FAILURE_LIMIT": "config.admin_login.failure_limit",
        "AXES_COOLOFF_TIME": cooloff_minutes / 60,  # hours
        # Two independent counts (a nested list would count the pair instead).
        "AXES_LOCKOUT_PARAMETERS": ["username", "ip_address"],
        # Failures during a lockout are refused without being counted, so they cannot keep
        # the cool-off running: whoever guesses at a moderator's username locks it for at most
        # ADMIN_LOGIN_COOLOFF_MINUTES at a time.
        "AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT": False,
        # The client's network, HMAC-hashed: axes neither stores nor logs the address itself.
        "AXES_CLIENT_IP_CALLABLE": "signatories.abuse.clients.hashed_client_address",
        "AXES_DISABLE_ACCESS_LOG": True,
        "AXES_RESET_ON_SUCCESS": True,
        "AXES_VERBOSE": False,
    }
