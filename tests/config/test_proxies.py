"""TRUSTED_PROXIES (config/proxies.py): gunicorn and Django believe forwarding headers from
the configured proxies only."""

import http.client

import pytest

from config.proxies import trusted_proxies
from tests.stack import WebServer, app_env

pytestmark = pytest.mark.django_db


def ask_gunicorn(web, headers):
    connection = http.client.HTTPConnection("127.0.0.1", web.port, timeout=10)
    connection.request("GET", "/letters/", headers=headers)
    response = connection.getresponse()
    return response.status, response.read().decode()


@pytest.mark.parametrize(("trusted", "scheme"), [("", "http"), ("127.0.0.1", "https")])
def test_x_forwarded_for_is_not_trusted_from_anyone_by_gunicorn(tmp_path, trusted, scheme):
    """Issue 21, item 6: gunicorn's forwarded_allow_ips is TRUSTED_PROXIES (its own default
    trusts 127.0.0.1), and a SCRIPT_NAME header is taken from no one, trusted or not: through
    a local proxy, `SCRIPT_NAME: /evil` gave a 500."""
    env = app_env(TRUSTED_PROXIES=trusted)
    web = WebServer(tmp_path, env, workers=1, app="tests.config.forwarded_echo:application")
    web.start()
    try:
        answer = ask_gunicorn(web, {"SCRIPT_NAME": "/evil", "X-Forwarded-Proto": "https"})
    finally:
        web.stop()
    assert answer == (200, f"{scheme} ''")


def test_x_forwarded_proto_is_not_trusted_from_anyone_by_django(client, letter, settings):
    """Issue 21, item 6: SECURE_PROXY_SSL_HEADER believes X-Forwarded-Proto from a trusted
    proxy only; a client reaching the app directly is redirected to HTTPS like any other."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = trusted_proxies("10.0.0.0/8")
    page = letter.get_absolute_url()
    direct = client.get(page, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_PROTO="https")
    proxied = client.get(page, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_PROTO="https")
    assert direct.status_code == 301
    assert direct["Location"].startswith("https://")
    assert proxied.status_code == 200
