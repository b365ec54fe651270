"""The caches, for settings.py: Redis at the given URLs, or each process's memory where none
is set (the embedded default)."""


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
    """CACHES: "default" (rate-limit counters, login throttling, counts) on redis_url, "pages"
    (whole public pages) on page_cache_url, and two per-process memories, the pages' one
    holding at most local_page_bytes."""
    return {
        "default": redis_cache(redis_url, "signon") if redis_url else LOCAL_MEMORY_CACHE,
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
