"""The caches, for settings.py: Redis at the given URLs, or each process's memory where none
is set (the embedded default)."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def redis_cache(url, prefix):
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        # If Redis goes away the site keeps serving, uncached, and keeps signing.
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }


LOCAL_MEMORY_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def cache_settings(*, redis_url, page_cache_url, local_page_bytes):
    """CACHES: "default" (rate-limit counters, counts) and "throttle" (admin login failures)
    on redis_url, "pages" (whole public pages) on page_cache_url, and per-process memories,
    the pages' one holding at most local_page_bytes."""
    return {
        "default": redis_cache(redis_url, "signon") if redis_url else LOCAL_MEMORY_CACHE,
        # Admin login throttling: Redis, or this process's memory for what Redis refuses.
        "throttle": {
            **redis_cache(redis_url, "signon-throttle"),
            "BACKEND": "config.failsafe_cache.FailSafeRedisCache",
        }
        if redis_url
        else {**LOCAL_MEMORY_CACHE, "LOCATION": "throttle"},
        "pages": redis_cache(page_cache_url, "signon-pages")
        if page_cache_url
        else {**LOCAL_MEMORY_CACHE, "LOCATION": "pages"},
        # Each process's own short memos (a letter's public state for half a second, block lists,
        # rendered options), sparing the shared cache a round trip; never shared, so never Redis.
        "local": {**LOCAL_MEMORY_CACHE, "LOCATION": "local"},
        # Each process's copy of the public pages it served last (letter/page_cache.py): the
        # busiest pages are served without a round trip to Redis. Bounded in bytes: a count of
        # entries lets a few big pages grow every web worker by hundreds of megabytes.
        "local-pages": {
            "BACKEND": "config.bounded_memory_cache.BoundedMemoryCache",
            "LOCATION": "local-pages",
            "OPTIONS": {"MAX_BYTES": local_page_bytes},
        },
    }


def redis_instance(url):
    """The Redis server a URL points at, whatever its database number: memory and eviction
    are the server's, shared by all of its databases."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return ("unix", parts.path)
    return (parts.scheme, (parts.hostname or "localhost").lower(), parts.port or 6379)


def check_page_cache_apart(*, redis_url, page_cache_url, share_broker):
    """Refuse a page cache on the broker's Redis. Anyone can make the site cache a new page
    (a letter in another language, the directory's next page), so a shared instance fills
    up: with noeviction the broker then refuses new tasks and counters, and with eviction it
    would drop them."""
    if not redis_url or share_broker:
        return
    if not page_cache_url or redis_instance(page_cache_url) == redis_instance(redis_url):
        raise ImproperlyConfigured(
            "PAGE_CACHE_URL must point at a Redis server other than REDIS_URL's (one with "
            "maxmemory and allkeys-lru, like docker-compose's `pages`): visitors can fill the "
            "page cache, and the broker must never fill up. Set PAGE_CACHE_SHARE_BROKER=true "
            "to share it anyway (tests, a trial)."
        )
