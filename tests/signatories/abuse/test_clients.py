import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from config.proxies import trusted_proxies
from signatories.abuse.clients import address_hash, client_address
from signatories.models import BlockedNetwork, Signature
from tests.signatories.abuse import sign


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # the client forged 1.2.3.4
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        # Only one proxy was passed (the client reached the inner one directly): its peer.
        (2, "203.0.113.9", "203.0.113.9"),
        # The hop before the inner proxy is not a proxy: the client wrote what is further left.
        (2, "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        (1, "not-an-ip", ""),
    ],
)
def test_client_is_found_through_the_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.TRUSTED_PROXIES = trusted_proxies("198.51.100.7,10.0.0.0/8")
    assert client_address(request_from("198.51.100.7", forwarded)) == expected


def test_x_forwarded_for_is_not_trusted_from_anyone(settings):
    """Issue 21, item 6: with a proxy configured, a client that reaches the app directly
    cannot name its own address in X-Forwarded-For."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = trusted_proxies("10.0.0.2")
    assert client_address(request_from("198.51.100.7", "2001:db8:1:2::9")) == "198.51.100.7"
    assert client_address(request_from("10.0.0.2", "2001:db8:1:2::9")) == "2001:db8:1:2::9"
    assert client_address(request_from("::ffff:10.0.0.2", "203.0.113.9")) == "203.0.113.9"


def test_address_hash_is_keyed_and_stable(settings):
    settings.CLIENT_HASH_KEY = "one"
    first = address_hash("203.0.113.9")
    assert first == address_hash("203.0.113.9")
    assert "203.0.113.9" not in first and len(first) == 64
    settings.CLIENT_HASH_KEY = "two"
    assert address_hash("203.0.113.9") != first


def test_ipv6_clients_count_by_their_64_network(settings):
    assert address_hash("2001:db8:1:2::1") == address_hash("2001:db8:1:2:ffff:ffff:ffff:ffff")
    assert address_hash("2001:db8:1:2::1") != address_hash("2001:db8:1:3::1")
    settings.CLIENT_IPV6_PREFIX = 48
    assert address_hash("2001:db8:1:2::1") == address_hash("2001:db8:1:3::1")
    settings.CLIENT_IPV6_PREFIX = 128
    assert address_hash("2001:db8:1:2::1") != address_hash("2001:db8:1:2::2")


def test_ipv4_clients_count_by_address_unless_configured(settings):
    assert address_hash("203.0.113.9") != address_hash("203.0.113.10")
    settings.CLIENT_IPV4_PREFIX = 24
    assert address_hash("203.0.113.9") == address_hash("203.0.113.10")
    assert address_hash("203.0.113.9") != address_hash("203.0.114.9")


def test_an_ipv4_client_on_a_dual_stack_socket_counts_as_its_ipv4_address():
    # Counted as IPv6, every IPv4 client would share ::ffff:0:0/64.
    first = client_address(request_from("::ffff:203.0.113.9"))
    assert first == "203.0.113.9"
    assert address_hash(first) != address_hash(client_address(request_from("::ffff:192.0.2.1")))


@pytest.mark.django_db
def test_signatures_from_one_64_are_stored_as_from_one_place(client, letter):
    for n, address in enumerate(["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:3::1"]):
        sign(client, letter, address=address, email=f"a{n}@ngo-example.org")
    first, second, elsewhere = Signature.objects.order_by("pk").values_list(
        "client_hash", flat=True
    )
    assert first == second != elsewhere
    assert "2001:db8" not in first


@pytest.mark.django_db
def test_client_addresses_are_stored_only_as_keyed_hashes(client, letter):
    sign(client, letter, address="203.0.113.201")
    signature = Signature.objects.get()
    assert len(signature.client_hash) == 64
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from Django)
            assert "203.0.113.201" not in repr(cursor.fetchall()), table


@pytest.mark.django_db
def test_app_logs_never_hold_the_raw_client_address(client, letter, settings, caplog):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign": ["1/m"]}
    BlockedNetwork.objects.create(network="203.0.113.0/24")
    with caplog.at_level("DEBUG"):
        sign(client, letter, address="203.0.113.50", email="a@ngo-example.org")
        sign(client, letter, address="203.0.113.50", email="b@ngo-example.org")  # rate limited
        client.post(
            reverse("admin:login"), {"username": "x", "password": "y"}, REMOTE_ADDR="203.0.113.50"
        )
    assert caplog.records  # something was logged
    assert "203.0.113.50" not in caplog.text


def test_gunicorn_access_log_has_no_client_address():
    from pathlib import Path

    from django.conf import settings as django_settings

    config = {}
    exec(Path(django_settings.BASE_DIR, "gunicorn.conf.py").read_text(), config)  # noqa: S102
    # No access log at all: the app's request log covers requests, by route, with no address.
    assert config.get("accesslog") is None
