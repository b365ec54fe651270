"""Rate limits per client on the forms a bot would hammer: a short burst window and a longer
sustained one, counted in the shared cache (Redis when configured, so that every web process
counts together). Only POSTs count: reading a form costs nothing."""

import functools
import time

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render
from django_redis import get_redis_connection
from django_redis.cache import RedisCache
from redis.exceptions import RedisError

from signatories.abuse.clients import ratelimit_key

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


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
    client = ratelimit_key(group, request)
    windows = [_window(group, rate, client) for rate in settings.RATE_LIMITS[group]]
    # Every window counts every request, even once another window is already over.
    counts = _count(windows)
    return any(count > limit for (_key, limit, _period), count in zip(windows, counts, strict=True))


def _window(group, rate, client):
    """(cache key, limit, period) of the fixed window of `rate` ("5/m") this request is in."""
    limit, unit = rate.split("/")
    period = _PERIODS[unit[-1]] * int(unit[:-1] or 1)
    return f"ratelimit:{group}:{rate}:{client}:{int(time.time() // period)}", int(limit), period


def _count(windows):
    """Each window's count with this request. In Redis, all windows in one round trip. If
    Redis cannot count (unreachable, or out of memory), this process counts on its own:
    every signature is still stored and moderated, and a burst from one client is still
    held back, by each process's limit rather than everyone's."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return _count_in(cache, windows)
    try:
        pipeline = get_redis_connection("default").pipeline(transaction=False)
        for key, _limit, period in windows:
            pipeline.set(cache.make_key(key), 0, ex=period, nx=True)
            pipeline.incr(cache.make_key(key))
        return pipeline.execute()[1::2]
    except RedisError:
        return _count_in(caches["local"], windows)


def _count_in(cache, windows):
    counts = []
    for key, _limit, period in windows:
        cache.add(key, 0, period)
        counts.append(cache.incr(key))
    return counts
