"""Settings whose defaults follow SITE_URL, so that docker compose needs only the host name."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings


def settings_in(environment, *names):
    """The named settings as config/settings.py makes them from this environment alone."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "DJANGO_"))}
    env.pop("ALLOWED_HOSTS", None)
    env.update(DEBUG="false", SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="config.settings")
    env.update(environment)
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps([getattr(settings, name) for name in {list(names)!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=settings.BASE_DIR
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        ("https://letter.example.org", [True, True, 31536000]),
        ("http://localhost", [False, False, 0]),
    ],
)
def test_https_defaults_follow_the_site_url_scheme(site_url, expected):
    """docker compose serves plain HTTP on localhost until SITE_URL names an https:// host."""
    names = ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "SECURE_HSTS_SECONDS")
    assert settings_in({"SITE_URL": site_url}, *names) == expected


def test_allowed_hosts_default_to_the_site_url_host():
    (hosts,) = settings_in({"SITE_URL": "https://letter.example.org"}, "ALLOWED_HOSTS")
    assert hosts[0] == "letter.example.org"
    assert "localhost" in hosts
