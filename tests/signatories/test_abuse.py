"""Rate limits, bots and block lists on the sign-on form."""

import pytest
from django.db import connection
from django.urls import reverse

from signatories.counts import approved_count
from signatories.models import BlockedEmailDomain, BlockedNetwork, Signature
from tests.factories import sign_form_data

pytestmark = pytest.mark.django_db


def sign(client, letter, address="198.51.100.7", **data):
    return client.post(
        reverse("signatories:sign", args=[letter.slug]),
        sign_form_data(**data),
        REMOTE_ADDR=address,
    )


def test_burst_window_answers_429_with_a_friendly_page(client, letter, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign": ["2/m", "100/h"]}
    for n in range(2):
        assert sign(client, letter, email=f"a{n}@ngo.example").status_code == 302
    response = sign(client, letter, email="a3@ngo.example")
    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()
    assert Signature.objects.filter(letter=letter).count() == 2
    assert sign(client, letter, address="192.0.2.1", email="b@ngo.example").status_code == 302


def test_sustained_window(client, letter, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign": ["100/m", "3/h"]}
    codes = [sign(client, letter, email=f"a{n}@ngo.example").status_code for n in range(4)]
    assert codes == [302, 302, 302, 429]


def test_a_forged_forwarded_for_header_does_not_dodge_the_limit(client, letter, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign": ["2/m", "100/h"]}
    settings.TRUSTED_PROXY_COUNT = 1
    codes = [
        client.post(
            reverse("signatories:sign", args=[letter.slug]),
            sign_form_data(email=f"a{n}@ngo.example"),
            REMOTE_ADDR="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9",  # forged, then the real client
        ).status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]


@pytest.mark.parametrize(
    ("name", "url_args", "data"),
    [
        ("signatories:new_link", [], {"email": "x@ngo.example"}),
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
        sign(client, letter, address=address, email=f"a{n}@ngo.example").status_code
        for n, address in enumerate(
            ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff:ffff:ffff:ffff"]
        )
    ]
    assert codes == [302, 302, 429]
    assert sign(client, letter, address="2001:db8:1:3::1", email="b@ngo.example").status_code == 302


@pytest.mark.parametrize(
    ("name", "url_args", "data"),
    [
        ("signatories:new_link", [], {"email": "x@ngo.example"}),
        ("signatories:confirm", ["bad-token"], {}),
    ],
)
def test_confirm_and_new_link_count_ipv6_by_64_too(client, settings, name, url_args, data):
    settings.RATE_LIMITS = {"sign": ["9/m"], "confirm": ["1/m"], "new_link": ["1/m"]}
    url = reverse(name, args=url_args)
    assert client.post(url, data, REMOTE_ADDR="2001:db8:1:2::1").status_code != 429
    assert client.post(url, data, REMOTE_ADDR="2001:db8:1:2::2").status_code == 429
    assert client.post(url, data, REMOTE_ADDR="2001:db8:1:3::1").status_code != 429


def test_signatures_from_one_64_are_stored_as_from_one_place(client, letter):
    for n, address in enumerate(["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:3::1"]):
        sign(client, letter, address=address, email=f"a{n}@ngo.example")
    first, second, elsewhere = Signature.objects.order_by("pk").values_list(
        "client_hash", flat=True
    )
    assert first == second != elsewhere
    assert "2001:db8" not in first


def test_reading_the_form_is_never_limited(client, letter, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign": ["1/m"]}
    url = reverse("signatories:sign", args=[letter.slug])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]


def assert_blocked(letter, mailoutbox, reason_part):
    signature = Signature.objects.get(letter=letter)
    assert signature.status == Signature.Status.BLOCKED
    assert reason_part in signature.blocked_reason
    assert not signature.notifications.exists()
    assert mailoutbox == []
    assert approved_count(letter) == 0
    assert signature not in Signature.objects.awaiting_review()


def test_honeypot_is_stored_blocked_and_never_emailed(client, letter, mailoutbox):
    response = sign(client, letter, homepage="https://spam.example")
    assert response.status_code == 302  # the bot learns nothing
    assert_blocked(letter, mailoutbox, "hidden field")


def test_too_fast_a_form_asks_to_submit_again_keeping_everything(client, letter, settings):
    settings.SIGNING_MIN_FILL_SECONDS = 60
    response = sign(client, letter, organization="Quick Org")
    content = response.content.decode()
    assert response.status_code == 200
    assert "press “Sign the letter” again" in content
    assert 'value="Quick Org"' in content
    assert not Signature.objects.exists()


def test_forged_start_time_is_refused(client, letter):
    response = sign(client, letter, started="sign:forged:token")
    assert response.status_code == 200
    assert not Signature.objects.exists()


def test_blocked_email_domain_and_its_subdomains(client, letter, mailoutbox):
    BlockedEmailDomain.objects.create(domain="@Spam.Example")
    sign(client, letter, email="someone@mail.spam.example")
    assert_blocked(letter, mailoutbox, "spam.example")


def test_blocked_network(client, letter, mailoutbox):
    BlockedNetwork.objects.create(network="203.0.113.0/24")
    sign(client, letter, address="203.0.113.77")
    assert_blocked(letter, mailoutbox, "network")


def test_blocked_signature_repeated_sends_nothing(client, letter, mailoutbox):
    BlockedEmailDomain.objects.create(domain="spam.example")
    sign(client, letter, email="x@spam.example")
    sign(client, letter, email="x@spam.example")
    assert Signature.objects.count() == 1
    assert mailoutbox == []


def test_client_addresses_are_stored_only_as_keyed_hashes(client, letter):
    sign(client, letter, address="203.0.113.201")
    signature = Signature.objects.get()
    assert len(signature.client_hash) == 64
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from Django)
            assert "203.0.113.201" not in repr(cursor.fetchall()), table


def test_moderators_manage_the_block_lists(moderator_client):
    url = reverse("admin:signatories_blockednetwork_add")
    response = moderator_client.post(url, {"network": "198.51.100.0/24", "note": "bot farm"})
    assert response.status_code == 302
    assert BlockedNetwork.objects.get().network == "198.51.100.0/24"
    response = moderator_client.post(url, {"network": "not a network", "note": ""})
    assert "Enter an IP address or network." in response.content.decode()


def test_app_logs_never_hold_the_raw_client_address(client, letter, settings, caplog):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign": ["1/m"]}
    BlockedNetwork.objects.create(network="203.0.113.0/24")
    with caplog.at_level("DEBUG"):
        sign(client, letter, address="203.0.113.50", email="a@ngo.example")
        sign(client, letter, address="203.0.113.50", email="b@ngo.example")  # rate limited
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


def test_a_block_added_in_the_admin_applies_at_once(moderator_client, client, letter, mailoutbox):
    sign(client, letter, email="first@spam.example")  # the lists are now remembered
    moderator_client.post(
        reverse("admin:signatories_blockedemaildomain_add"), {"domain": "spam.example"}
    )
    sign(client, letter, email="second@spam.example")
    second = Signature.objects.get(email="second@spam.example")
    assert second.status == Signature.Status.BLOCKED
