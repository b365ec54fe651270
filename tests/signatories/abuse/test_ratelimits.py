"""Rate limits on the forms that write or send (signatories/abuse/ratelimits.py)."""

import pytest
from django.urls import reverse

from config.proxies import trusted_proxies
from signatories.models import (
    Signature,
)
from tests.factories import sign_form_data
from tests.signatories.abuse import sign

pytestmark = pytest.mark.django_db


def test_burst_window_answers_429_with_a_friendly_page(client, letter, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign": ["2/m", "100/h"]}
    for n in range(2):
        assert sign(client, letter, email=f"a{n}@ngo-example.org").status_code == 302
    response = sign(client, letter, email="a3@ngo-example.org")
    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()
    assert Signature.objects.filter(letter=letter).count() == 2
    assert sign(client, letter, address="192.0.2.1", email="b@ngo-example.org").status_code == 302


def test_sustained_window(client, letter, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign": ["100/m", "3/h"]}
    codes = [sign(client, letter, email=f"a{n}@ngo-example.org").status_code for n in range(4)]
    assert codes == [302, 302, 302, 429]


def test_a_forged_forwarded_for_header_does_not_dodge_the_limit(client, letter, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign": ["2/m", "100/h"]}
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = trusted_proxies("10.0.0.1")
    codes = [
        client.post(
            reverse("signatories:sign", args=[letter.slug]),
            sign_form_data(email=f"a{n}@ngo-example.org"),
            REMOTE_ADDR="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9",  # forged, then the real client
        ).status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]


@pytest.mark.parametrize(
    ("name", "url_args", "data"),
    [
        ("signatories:new_link", [], {"email": "x@ngo-example.org"}),
        ("signatories:confirm", ["bad-token"], {}),
    ],
)
def test_confirming_and_asking_for_links_are_limited_too(client, settings, name, url_args, data):
    settings.RATE_LIMITS = {"sign": ["9/m"], "confirm": ["1/m"], "new_link": ["1/m"]}
    url = reverse(name, args=url_args)
    assert client.post(url, data).status_code != 429
    assert client.post(url, data).status_code == 429


def test_ipv6_addresses_in_one_64_share_a_rate_limit(client, letter, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign": ["2/m", "100/h"]}
    codes = [
        sign(client, letter, address=address, email=f"a{n}@ngo-example.org").status_code
        for n, address in enumerate(
            ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff:ffff:ffff:ffff"]
        )
    ]
    assert codes == [302, 302, 429]
    assert (
        sign(client, letter, address="2001:db8:1:3::1", email="b@ngo-example.org").status_code
        == 302
    )


@pytest.mark.parametrize(
    ("name", "url_args", "data"),
    [
        ("signatories:new_link", [], {"email": "x@ngo-example.org"}),
        ("signatories:confirm", ["bad-token"], {}),
    ],
)
def test_confirm_and_new_link_count_ipv6_by_64_too(client, settings, name, url_args, data):
    settings.RATE_LIMITS = {"sign": ["9/m"], "confirm": ["1/m"], "new_link": ["1/m"]}
    url = reverse(name, args=url_args)
    assert client.post(url, data, REMOTE_ADDR="2001:db8:1:2::1").status_code != 429
    assert client.post(url, data, REMOTE_ADDR="2001:db8:1:2::2").status_code == 429
    assert client.post(url, data, REMOTE_ADDR="2001:db8:1:3::1").status_code != 429


def test_reading_the_form_is_never_limited(client, letter, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign": ["1/m"]}
    url = reverse("signatories:sign", args=[letter.slug])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
