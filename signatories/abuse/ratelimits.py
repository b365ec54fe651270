"""Rate limits per client on the forms a bot would hammer: a short burst window and a longer
sustained one, counted in the shared cache (Redis when configured, so that every web process
counts together). Only POSTs count: reading a form costs nothing."""

import functools

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

from .clients import ratelimit_key


def rate_limited(group):
    """Answer 429 with a friendly page once the client exceeds any of RATE_LIMITS[group]."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and _over_limit(request, group):
                return render(request, "signatories/rate_limited.html", status=429)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _over_limit(request, group):
    over = False
    for rate in settings.RATE_LIMITS[group]:
        # Every window counts every request, even once another window is already over.
        over |= is_ratelimited(
            request, group=f"{group}:{rate}", key=ratelimit_key, rate=rate, increment=True
        )
    return over
