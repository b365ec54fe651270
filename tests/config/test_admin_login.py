"""Admin login throttling (config/admin_login.py, signatories/abuse/lockouts.py and the AXES_*
settings): failures count per (username, network) pair, per username from networks it never
signed in from, and per client network for any username; a lockout lasts the cool-off,
however long an attacker keeps guessing, and can be lifted."""

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
from signatories.models import AdminLoginLockout

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
    settings.ADMIN_LOGIN_FAILURE_LIMIT_PER_USERNAME = 30
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


def test_lockout_a_username_is_refused_from_the_guessing_network_until_the_cool_off(
    client, moderator, clock
):
    lock_out_the_moderator(client, "127.0.0.1")
    assert log_in(client, "127.0.0.1", password=RIGHT) == 429  # not even the right password
    clock.advance(minutes=15, seconds=1)
    assert log_in(client, "127.0.0.1", password=RIGHT) == 302


def test_lockout_failures_during_a_lockout_do_not_extend_it(client, moderator, clock):
    lock_out_the_moderator(client, "127.0.0.1")
    clock.advance(minutes=10)
    for _ in range(5):  # the attacker keeps guessing
        assert log_in(client, "127.0.0.1") == 429
    clock.advance(minutes=4, seconds=59)
    assert log_in(client, "127.0.0.1", password=RIGHT) == 429
    clock.advance(seconds=2)  # 15 minutes after the lockout began
    assert log_in(client, "127.0.0.1", password=RIGHT) == 302


def guess_from_networks(client, networks, per_network=5):
    """An attacker guessing the moderator's password from many IPv6 /64s."""
    for n in range(networks):
        for _ in range(per_network):
            log_in(client, f"2001:db8:{n + 100:x}::1")


def test_anyone_can_lock_out_a_moderator_no_more(client, moderator, clock):
    """Issue 21, item 7: 5 wrong passwords from each of many networks lock the moderator's
    username only from networks it never signed in from; the moderator, from their own
    network, still gets in, however often the attack is repeated."""
    assert log_in(client, "2001:db8:1:2::1", password=RIGHT) == 302  # their office
    for _ in range(3):
        guess_from_networks(client, networks=8)  # 40 failures, past the username's 30
        assert log_in(client, "2001:db8:ffff::1", password=RIGHT) == 429  # an unknown network
        assert log_in(client, "2001:db8:1:2::99", password=RIGHT) == 302
        clock.advance(minutes=15, seconds=1)


def test_anyone_can_lock_out_a_moderator_no_more_from_a_pair_lockout(client, moderator, clock):
    lock_out_the_moderator(client, "198.51.100.7")
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


def test_anyone_can_lock_out_a_moderator_no_more_a_command_clears_a_username(
    client, moderator, clock
):
    guess_from_networks(client, networks=7)
    assert log_in(client, "2001:db8:100::1", password=RIGHT) == 429
    assert log_in(client, "2001:db8:ffff::1", password=RIGHT) == 429
    call_command("clear_admin_lockout", "--username", "moderator", stdout=io.StringIO())
    assert log_in(client, "2001:db8:100::1", password=RIGHT) == 302
    assert AdminLoginLockout.objects.active().count() == 0


def test_anyone_can_lock_out_a_moderator_no_more_a_command_clears_a_network(
    client, moderator, clock
):
    codes = [log_in(client, f"2001:db8:1:2::{n:x}", username=f"user{n}") for n in range(10)]
    assert codes[-1] == 429
    out = io.StringIO()
    call_command("clear_admin_lockout", "--network", "2001:db8:1:2::/64", stdout=out)
    assert "1 recorded lockout" in out.getvalue()
    assert log_in(client, "2001:db8:1:2::77", password=RIGHT) == 302


def test_anyone_can_lock_out_a_moderator_no_more_the_admin_shows_who_is_locked(
    client, moderator, clock, admin_client
):
    lock_out_the_moderator(client, "198.51.100.7")
    page = admin_client.get(reverse("admin:signatories_adminloginlockout_changelist"))
    assert page.status_code == 200
    assert "moderator" in page.content.decode()
    [lockout] = AdminLoginLockout.objects.active()
    assert lockout.scope == AdminLoginLockout.Scope.PAIR
    assert "198.51.100.7" not in page.content.decode()  # only the network's keyed hash
    admin_client.post(
        reverse("admin:signatories_adminloginlockout_changelist"),
        {"action": "lift", "_selected_action": [lockout.pk]},
    )
    assert log_in(client, "198.51.100.7", password=RIGHT) == 302


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
