"""Hardened settings: headers, the error page for a database outage, admin login throttling."""

import importlib
import subprocess
import sys

import pytest
from django.db import OperationalError
from django.urls import clear_url_caches, reverse

pytestmark = pytest.mark.django_db


def test_public_pages_send_a_strict_content_security_policy(client, letter):
    policy = client.get(letter.get_absolute_url())["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_a_redirect_carries_no_policy_and_the_page_it_leads_to_does(client, letter):
    page = letter.get_absolute_url()
    response = client.get(reverse("letter:choose_language"), {"language": "fr", "next": page})
    assert response.status_code == 302
    assert "Content-Security-Policy" not in response
    assert "script-src 'self'" in client.get(response.url)["Content-Security-Policy"]


def test_only_the_embed_may_be_framed(client, letter):
    embed = client.get(reverse("signatories:embed", args=[letter.slug]))
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert client.get(letter.get_absolute_url())["X-Frame-Options"] == "DENY"


def test_referrer_policy_and_nosniff(client, letter):
    response = client.get(letter.get_absolute_url())
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_database_outage_gets_a_503_page_not_a_traceback(client, letter, monkeypatch):
    def database_down(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("signatories.public.pages.signatory_list", database_down)
    client.raise_request_exception = False
    response = client.get(letter.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Back in a moment" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_admin_logins_are_throttled_after_repeated_failures(client, moderator, settings):
    settings.ADMIN_LOGIN_FAILURE_LIMIT = 3
    login = reverse("admin:login")
    for _ in range(3):
        response = client.post(login, {"username": "moderator", "password": "wrong"})
        assert response.status_code in (200, 429)
    locked = client.post(login, {"username": "moderator", "password": "a-Long-passphrase-42"})
    assert locked.status_code == 429
    other_user = client.post(login, {"username": "someone-else", "password": "wrong"})
    assert other_user.status_code == 200


def test_admin_url_prefix_is_configurable(settings, admin_client):
    settings.ADMIN_URL = "moderation-3f9a/"
    import config.urls

    try:
        importlib.reload(config.urls)
        clear_url_caches()
        assert reverse("admin:index") == "/moderation-3f9a/"
        assert admin_client.get("/moderation-3f9a/").status_code == 200
        assert admin_client.get("/admin/").status_code == 404
    finally:
        settings.ADMIN_URL = "admin/"
        importlib.reload(config.urls)
        clear_url_caches()


def test_check_deploy_passes_with_production_variables(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60 + "-production-like-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "letter.example.org",
        "SITE_URL": "https://letter.example.org",
        "DATABASE_URL": "postgres://signon@db.example.org/signon",
        "REDIS_URL": "redis://cache.example.org:6379/0",
        "PAGE_CACHE_URL": "redis://pages.example.org:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        cwd=settings_dir(),
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def settings_dir():
    from django.conf import settings

    return settings.BASE_DIR


@pytest.mark.parametrize("path", ["/", "/letters/any/signatories/", "/admin/", "/nowhere/"])
def test_the_400_page_for_control_characters_has_a_policy_and_may_not_be_framed(
    client, letter, path
):
    """Issue 21, item 13: refused before the middleware that add them, the page lacked the
    Content-Security-Policy and X-Frame-Options every other page has."""
    response = client.get(f"{path}?q=%00")
    assert response.status_code == 400
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
