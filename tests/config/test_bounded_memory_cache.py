"""Each web process's copy of the public pages is bounded in bytes, not in entries."""

from django.core.cache import caches

from config.cache_settings import cache_settings

PAGE = b"x" * 100_000


def test_forced_cache_miss_local_page_copy_is_capped_in_bytes(settings):
    """Issue 21, item 1: 14 print pages of 8.4 MB grew a worker by 110 MiB; the local copy
    now holds at most LOCAL_PAGE_CACHE_BYTES, however many pages are put in it."""
    budget = 1_000_000
    configured = cache_settings(redis_url="", page_cache_url="", local_page_bytes=budget)
    settings.CACHES = {**settings.CACHES, "local-pages": configured["local-pages"]}
    local = caches["local-pages"]
    for n in range(20):
        local.set(f"page-{n}", (PAGE, []), 60)
    kept = [n for n in range(20) if local.get(f"page-{n}") is not None]
    assert len(kept) * len(PAGE) <= budget
    assert kept and kept[-1] == 19  # the newest are kept, the oldest go first
    local.set("huge", (b"x" * budget, []), 60)  # larger than an entry may be: not kept
    assert local.get("huge") is None
    assert local.get("page-19") is not None


def test_the_local_page_copy_keeps_the_most_recently_read(settings):
    settings.CACHES = {
        **settings.CACHES,
        "local-pages": cache_settings(
            redis_url="", page_cache_url="", local_page_bytes=len(PAGE) * 8
        )["local-pages"],
    }
    local = caches["local-pages"]
    for n in range(4):
        local.set(f"page-{n}", PAGE[: len(PAGE) // 2], 60)
    for n in range(4, 20):
        assert local.get("page-0") is not None  # read often: kept
        local.set(f"page-{n}", PAGE[: len(PAGE) // 2], 60)
    assert local.get("page-1") is None
