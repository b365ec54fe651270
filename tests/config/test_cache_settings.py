"""The caches (config/cache_settings.py): the page cache kept off the broker's Redis."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config.cache_settings import check_page_cache_apart


@pytest.mark.parametrize(
    "page_cache_url",
    ["", "redis://broker:6379/0", "redis://Broker/5", "redis://broker:6379/1"],
)
def test_page_cache_defaults_to_the_brokers_redis_refused(page_cache_url):
    """Issue 21, item 5: unset or on the broker's server (whatever the database number, as
    memory is the server's), the page cache is refused."""
    with pytest.raises(ImproperlyConfigured, match="PAGE_CACHE_URL"):
        check_page_cache_apart(
            redis_url="redis://broker:6379/0", page_cache_url=page_cache_url, share_broker=False
        )


@pytest.mark.parametrize(
    ("redis_url", "page_cache_url", "share_broker"),
    [
        ("redis://broker:6379/0", "redis://pages:6379/0", False),
        ("redis://broker:6379/0", "redis://broker:6380/0", False),
        ("redis://broker:6379/0", "", True),
        ("", "", False),  # no Redis at all: each process's memory
    ],
)
def test_page_cache_apart_from_the_broker_or_told_to_share(redis_url, page_cache_url, share_broker):
    check_page_cache_apart(
        redis_url=redis_url, page_cache_url=page_cache_url, share_broker=share_broker
    )


def test_page_cache_defaults_to_the_brokers_redis_refused_at_start():
    """The settings themselves refuse to load, with the reason, so no process starts."""
    env = {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "x" * 60,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=env,
        capture_output=True,
        cwd=settings.BASE_DIR,
        text=True,
    )
    assert result.returncode != 0
    assert "PAGE_CACHE_URL must point at a Redis server other than REDIS_URL" in result.stderr
