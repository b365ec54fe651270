import pytest
from django.test import RequestFactory

from signatories.clients import address_hash, client_address


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
