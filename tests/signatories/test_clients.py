import pytest
from django.test import RequestFactory

from signatories.abuse.clients import address_hash, client_address


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
        (2, "203.0.113.9", "198.51.100.7"),  # fewer hops than proxies: trust none
        (1, "not-an-ip", ""),
    ],
)
def test_client_is_found_through_the_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request_from("198.51.100.7", forwarded)) == expected


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
