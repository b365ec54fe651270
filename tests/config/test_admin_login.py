"""Admin login throttling (config/admin_login.py and the AXES_* settings): failures count
per username from any address and per client network for any username, and a lockout lasts
the cool-off, however long an attacker keeps guessing."""

import io
import time
import types
import uuid
from datetime import timedelta

import pytest
from axes.handlers.proxy import AxesProxyHandler
from django.core.cache.backends import base as cache_base
from django.core.cache.backends import locmem
from django.core.management import call_command
from django.urls import reverse

from config.proxies import trusted_proxies

pytestmark = pytest.mark.django_db

RIGHT = "a-Long-passphrase-42"  # the moderator fixture's password


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Every attempt hashes a password; these tests make dozens.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Clock:
    def __init__(self):
        self.now = time.time()

    def time(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta).total_seconds()


@pytest.fixture
def clock(settings, monkeypatch):
    """Failure counts in a memory cache whose clock the test moves: cool-offs pass, and
    expire, without sleeping."""
    memory = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": f"admin-login-{uuid.uuid4().hex}",
    }
    settings.CACHES = {"default": memory, "throttle": memory}
    AxesProxyHandler.get_implementation(force=True)
    clock = Clock()
    cache_time = types.SimpleNamespace(time=clock.time)
    monkeypatch.setattr(locmem, "time", cache_time)
    monkeypatch.setattr(cache_base, "time", cache_time)
    settings.ADMIN_LOGIN_FAILURE_LIMIT = 5
    settings.ADMIN_LOGIN_FAILURE_LIMIT_PER_NETWORK = 10
    settings.AXES_COOLOFF_TIME = 15 / 60
    return clock


def log_in(client, address, username="moderator", password="wrong"):
    response = client.post(
        reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )
    client.logout()
    return response.status_code


def lock_out_the_moderator(client, address="127.0.0.1"):
    codes = [log_in(client, address) for _ in range(5)]
    assert codes == [200, 200, 200, 200, 429]


def test_lockout_a_locked_username_is_refused_from_every_address_until_the_cool_off(
    client, moderator, clock
):
    lock_out_the_moderator(client, "127.0.0.1")
    assert [log_in(client, f"127.0.0.{n}") for n in range(2, 6)] == [429] * 4
    assert log_in(client, "127.0.0.6", password=RIGHT) == 429  # not even the right password
    clock.advance(minutes=15, seconds=1)
    assert log_in(client, "127.0.0.6", password=RIGHT) == 302


def test_lockout_failures_during_a_lockout_do_not_extend_it(client, moderator, clock):
    lock_out_the_moderator(client, "127.0.0.1")
    clock.advance(minutes=10)
    for n in range(1, 6):  # the attacker keeps guessing, from the same and from new addresses
        assert log_in(client, f"127.0.0.{n}") == 429
    clock.advance(minutes=4, seconds=59)
    assert log_in(client, "203.0.113.5", password=RIGHT) == 429
    clock.advance(seconds=2)  # 15 minutes after the lockout began
    assert log_in(client, "203.0.113.5", password=RIGHT) == 302


def test_lockout_many_usernames_from_one_address_are_throttled(client, moderator, clock):
    codes = [log_in(client, "198.51.100.7", username=f"user{n}") for n in range(10)]
    assert codes == [200] * 9 + [429]
    assert log_in(client, "198.51.100.7", password=RIGHT) == 429
    assert log_in(client, "192.0.2.1", password=RIGHT) == 302  # the moderator is not locked
    clock.advance(minutes=15, seconds=1)
    assert log_in(client, "198.51.100.7", password=RIGHT) == 302


def test_lockout_a_colleague_on_the_same_network_is_not_locked_by_one_username(
    client, moderator, clock
):
    lock_out_the_moderator(client, "198.51.100.7")
    assert log_in(client, "198.51.100.7", username="colleague") == 200


def test_lockout_ipv6_addresses_in_one_64_share_the_count(client, moderator, clock):
    codes = [log_in(client, f"2001:db8:1:2::{n:x}", username=f"user{n}") for n in range(10)]
    assert codes == [200] * 9 + [429]
    assert log_in(client, "2001:db8:1:2:ffff:ffff:ffff:ffff", password=RIGHT) == 429
    assert log_in(client, "2001:db8:1:3::1", password=RIGHT) == 302


def test_lockout_network_size_is_configurable(client, moderator, clock, settings):
    settings.CLIENT_IPV6_PREFIX = 128
    codes = [log_in(client, f"2001:db8:1:2::{n:x}", username=f"user{n}") for n in range(12)]
    assert 429 not in codes


def test_lockout_an_administrator_can_lift_a_username_lockout(client, moderator, clock):
    lock_out_the_moderator(client, "127.0.0.1")
    call_command("axes_reset_username", "moderator", stdout=io.StringIO())
    assert log_in(client, "203.0.113.5", password=RIGHT) == 302


def test_x_forwarded_for_is_not_trusted_from_anyone_to_lock_out_a_network(
    client, moderator, clock, settings
):
    """Issue 21, item 6: failed logins sent straight to gunicorn with a forged X-Forwarded-For
    in the moderator's /64 do not lock that network; through the proxy the moderator gets in."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = trusted_proxies("10.0.0.2")
    for n in range(12):
        client.post(
            reverse("admin:login"),
            {"username": f"guess{n}", "password": "wrong"},
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"2001:db8:1:2::{n + 1}",
        )
    response = client.post(
        reverse("admin:login"),
        {"username": "moderator", "password": RIGHT},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="2001:db8:1:2::abcd",
    )
    assert response.status_code == 302
