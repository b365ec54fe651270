import os
import shutil
import socket
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from signatories.moderation import moderators
from tests.browser_client import BrowserClient
from tests.factories import LetterFactory, SignatureFactory

IN_CI = os.environ.get("CI", "").lower() == "true"

# Property-based tests: a quick sample locally, a broad one in CI. The tests render pages and
# write to the database, so an example takes milliseconds and has no deadline.
for name, examples in (("default", 50), ("ci", 250)):
    hypothesis_settings.register_profile(
        name,
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
hypothesis_settings.load_profile("ci" if IN_CI else "default")


def skip_or_fail(reason):
    """Locally a missing service skips its tests with the reason; in CI it fails them."""
    if IN_CI:
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def _reachable(url, default_port):
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def pytest_runtest_setup(item):
    if item.get_closest_marker("services"):
        database_url = os.environ.get("DATABASE_URL", "")
        redis_url = os.environ.get("REDIS_URL", "")
        if not database_url.startswith(("postgres://", "postgresql://", "pgsql://")):
            skip_or_fail("DATABASE_URL does not point at PostgreSQL")
        if not redis_url:
            skip_or_fail("REDIS_URL is not set")
        if not _reachable(database_url, 5432) or not _reachable(redis_url, 6379):
            skip_or_fail("PostgreSQL or Redis is not reachable")
    if item.get_closest_marker("browser") and not shutil.which("chromium"):
        skip_or_fail("Debian's chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="session", autouse=True)
def collected_static(django_test_environment):
    # Pages are served with the production static storage, which needs collectstatic's manifest;
    # collecting hashes and compresses every file, so it runs only when one changed.
    if not _static_is_collected():
        call_command("collectstatic", interactive=False, verbosity=0)


def _static_is_collected():
    manifest = Path(django_settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return False
    collected_at = manifest.stat().st_mtime
    return all(
        os.path.getmtime(storage.path(path)) < collected_at
        for finder in finders.get_finders()
        for path, storage in finder.list(ignore_patterns=["CVS", ".*", "*~"])  # as collectstatic
    )


@pytest.fixture
def client():
    """pytest-django's client, posting forms as a browser does (tests/browser_client.py)."""
    return BrowserClient()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Moderators' passwords are hashed in a fraction of the time (production keeps PBKDF2)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """Each test sees empty caches (the shared ones and each process's memory), without
    flushing a Redis that other tests' broker uses."""
    caches = {alias: dict(config) for alias, config in settings.CACHES.items()}
    for config in caches.values():
        config["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches
    # django-axes keeps the cache it first saw; hand it this test's.
    AxesProxyHandler.get_implementation(force=True)


@pytest.fixture(autouse=True)
def default_language():
    """A request in another language leaves it active in the thread (LocaleMiddleware does not
    reset it): each test starts again in the site's language, whatever ran before."""
    yield
    translation.deactivate()


@pytest.fixture
def letter(db):
    return LetterFactory()


@pytest.fixture
def signature(letter):
    return SignatureFactory(letter=letter)


@pytest.fixture
def confirmed_signature(letter):
    return SignatureFactory(letter=letter, confirmed=True)


@pytest.fixture
def moderator(db):
    return moderators.moderator_create(
        username="moderator", email="moderator@example.org", password="a-Long-passphrase-42"
    )


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def new_link_requests(monkeypatch):
    """The "new link" requests handed to Celery, recorded instead of sent to a broker: each
    is (args, options). `run_new_link_requests()` then runs them as a worker would."""
    from signatories.tasks import send_new_link

    requests = []
    monkeypatch.setattr(
        send_new_link,
        "apply_async",
        lambda args=(), kwargs=None, **options: requests.append((tuple(args), options)),
    )
    return requests


@pytest.fixture
def run_new_link_requests(new_link_requests):
    from signatories.tasks import send_new_link

    def run():
        while new_link_requests:
            args, _options = new_link_requests.pop(0)
            send_new_link(*args)

    return run
