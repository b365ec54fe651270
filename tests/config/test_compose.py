"""docker-compose.yml passes the app every setting .env.example documents: compose gives a
container only the variables its file names, so a setting left out would be silently ignored
however it is set in .env."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Read by compose itself, the front door, the database or the image, not by the app.
NOT_THE_APPS = {
    "POSTGRES_PASSWORD",
    "PAGE_CACHE_MAXMEMORY",
    "ACME_DIRECTORY",
    "ACME_EMAIL",
    "FRONT_UPLOAD_MAX_BODY",
    "FRONT_CONNECTIONS_PER_CLIENT",
    "FRONT_CPU_SHARES",
    "HTTP_PORT",
    "HTTPS_PORT",
    "GUNICORN_BIND",
    "WHITENOISE_USE_FINDERS",
    "DJANGO_MODERATOR_PASSWORD",
    # Compose runs a page cache of its own, and CSRF_TRUSTED_ORIGINS follows SITE_URL.
    "PAGE_CACHE_SHARE_BROKER",
    "CSRF_TRUSTED_ORIGINS",
}


def _documented():
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))


def _passed_to_the_app():
    compose = (ROOT / "docker-compose.yml").read_text()
    app_env = compose[compose.index("x-app-env:") : compose.index("\nx-app:")]
    return set(re.findall(r"^  ([A-Z][A-Z0-9_]+):", app_env, re.MULTILINE))


def test_compose_passes_the_app_every_setting_env_example_documents():
    documented = _documented()
    assert {"COALITION_NAME", "SITE_URL", "HEALTHZ_TOKEN"} <= documented
    assert documented - NOT_THE_APPS - _passed_to_the_app() == set()
