"""Issue 21, item 5: the page cache on the broker's Redis let visitors fill it, and a Redis
that refused writes let every sign-on and admin login through. Here a Redis of the test's own
is filled to its limit (noeviction, as the broker runs) under the rate limits and the admin
login throttling."""

import uuid

import pytest
import redis
from axes.handlers.proxy import AxesProxyHandler
from django.urls import reverse

from config.cache_settings import cache_settings
from signatories.models import Signature
from tests.signatories.abuse import sign
from tests.stack import RedisServer

pytestmark = [pytest.mark.django_db, pytest.mark.services]


@pytest.fixture
def full_redis(tmp_path, settings):
    """A Redis of this test's own, filled until it refuses writes, as the caches."""
    server = RedisServer(tmp_path).start()
    connection = redis.Redis.from_url(server.url)
    connection.config_set("maxmemory", "4mb")
    connection.config_set("maxmemory-policy", "noeviction")
    with pytest.raises(redis.exceptions.OutOfMemoryError):
        for n in range(1000):
            connection.set(f"filler:{n}", b"x" * 100_000)
    # Full to within less than one filler: not even a small key may fit any more.
    used = connection.info("memory")["used_memory"]
    connection.config_set("maxmemory", used - 100_000)
    with pytest.raises(redis.exceptions.OutOfMemoryError):
        connection.set("one-more", "x")
    caches = cache_settings(
        redis_url=server.url, page_cache_url=server.url, local_page_bytes=1024 * 1024
    )
    for config in caches.values():
        config["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches
    AxesProxyHandler.get_implementation(force=True)
    yield connection
    server.stop()


def test_page_cache_on_a_full_broker_redis_still_rate_limits_a_burst(client, letter, full_redis):
    """Redis refuses to count: the process counts on its own, and every sign-on let through
    is stored."""
    codes = [sign(client, letter, email=f"a{n}@ngo-example.org").status_code for n in range(8)]
    assert codes == [302] * 5 + [429] * 3
    assert Signature.objects.filter(letter=letter).count() == 5


def test_page_cache_on_a_full_broker_redis_still_throttles_admin_logins(
    client, moderator, full_redis
):
    """Failures Redis would not store are counted in the process: the moderator's username
    is locked after its limit from one network, and a fresh username is not."""

    def log_in(username, password="wrong"):
        response = client.post(
            reverse("admin:login"),
            {"username": username, "password": password},
            REMOTE_ADDR="198.51.100.7",
        )
        client.logout()
        return response.status_code

    codes = [log_in("moderator") for _ in range(7)]
    assert codes == [200] * 4 + [429] * 3
    assert log_in("someone-else") == 200
