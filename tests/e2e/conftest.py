"""The real moving parts for end-to-end tests: an SMTP server on loopback, a Celery worker
process consuming from Redis and writing to the same PostgreSQL test database, and Chromium."""

import os
import shutil

import pytest
from django.conf import settings
from django.contrib.staticfiles import handlers as staticfiles_handlers
from django.test.testcases import _StaticFilesHandler
from django.urls import reverse

from config import celery_app
from signatories.models import Signature
from signatories.tokens import make_confirm_token
from tests.factories import LetterFactory, SignatureFactory
from tests.stack import Inbox, Worker, app_env, database_url_of_test_database


@pytest.fixture
def smtp_inbox():
    inbox = Inbox()
    inbox.start()
    yield inbox
    inbox.stop()


@pytest.fixture
def start_worker(transactional_db, smtp_inbox, tmp_path):
    """Start a Celery worker process on Redis, the test database and the SMTP inbox.
    Depends on transactional_db so that the data the test commits is what the worker sees,
    and so that the worker is stopped before the database is flushed."""
    workers = []

    def start(site_url="http://testserver", **settings_env):
        celery_app.control.purge()  # nothing left over from an earlier run
        env = app_env(
            DATABASE_URL=database_url_of_test_database(),
            REDIS_URL=settings.REDIS_URL,
            EMAIL_URL=smtp_inbox.url,
            SITE_URL=site_url,
            **settings_env,
        )
        worker = Worker(tmp_path, env, name=f"e2e-{len(workers)}")
        workers.append(worker)
        return worker.start()

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture(scope="session")
def _serve_collected_static():
    # pytest-django's live server serves static files through the finders, which know no
    # content-hashed names; production serves collectstatic's output, and so must the tests.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(staticfiles_handlers, "StaticFilesHandler", _StaticFilesHandler)
        yield


@pytest.fixture
def site(_serve_collected_static, live_server):
    """The live server, serving static files as production does."""
    return live_server


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser():
    # Playwright's sync API runs an event loop in this thread; the live server's ORM calls
    # happen in its own thread, and the test's own ORM calls are safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# A name and a website with no place to break a line: they must not widen a phone's page.
UNBREAKABLE_NAME = "Internationalemenschenrechtsverteidigerinnenschutzvereinigung"
UNBREAKABLE_WEBSITE = "https://www.menschenrechtsverteidigerinnenschutzvereinigung.example.org/"


@pytest.fixture
def public_letter(db):
    """A letter as the public sees it: approved signatories in several regions, one listed
    only by its country, one not listed, and one whose name and website do not wrap."""
    letter = LetterFactory(
        title="Protect the people who defend human rights",
        # Every kind of formatting a letter may use (letter/markdown.py), checked like the rest.
        body=(
            "We write to you as organizations from every region.\n\n"
            "# What we ask\n\n"
            "We *urge* you to act **now**:\n\n"
            "1. Speak out.\n2. Protect defenders.\n\n"
            "- At home\n- Abroad\n\n"
            "> Human rights are universal.\n\n"
            "Read [our report](https://ngo.example/report)."
        ),
    )
    for country in ("KE", "MX", "FR", "EG"):
        SignatureFactory(letter=letter, approved=True, country=country)
    SignatureFactory(
        letter=letter,
        approved=True,
        country="DE",
        organization=UNBREAKABLE_NAME,
        website=UNBREAKABLE_WEBSITE,
        scope=Signature.Scope.INTERNATIONAL,
    )
    SignatureFactory(
        letter=letter, approved=True, country="BR", listing=Signature.Listing.COUNTRY_ONLY
    )
    SignatureFactory(letter=letter, approved=True, listing=Signature.Listing.UNLISTED)
    return letter


@pytest.fixture
def new_confirm_path(public_letter):
    """Makes the emailed link of a new, unconfirmed signature of the public letter."""

    def make():
        signature = SignatureFactory(letter=public_letter, organization="Defensoras Unidas")
        return reverse("signatories:confirm", args=[make_confirm_token(signature.pk)])

    return make


@pytest.fixture
def new_correct_path(public_letter):
    """Makes the "correct the details" link of an import's invitation, for a new signature
    awaiting its signer."""

    def make():
        signature = SignatureFactory(
            letter=public_letter, organization="Red de Defensoras", country="MX", website=""
        )
        return reverse("signatories:correct", args=[make_confirm_token(signature.pk)])

    return make


@pytest.fixture
def public_tour(site, public_letter, new_confirm_path, new_correct_path):
    """Walks a Playwright page through every public page, yielding (name, url) once each
    has loaded: the letter, the form empty and with its errors, the inbox, confirm and
    confirmed pages, an invitation's correction page with and without errors, the
    directory, the embed and the print page."""
    slug = public_letter.slug

    def submit(page):
        with page.expect_navigation():
            page.locator("main form [type=submit]").click()

    def tour(page):
        for name, path in [
            ("home", reverse("letter:home")),
            ("letter", reverse("signatories:letter", args=[slug])),
            ("sign", reverse("signatories:sign", args=[slug])),
        ]:
            page.goto(site.url + path)
            yield name, page.url
        # Posted empty past the browser's own checks, as an old browser would.
        page.locator("main form").evaluate("form => { form.noValidate = true; }")
        submit(page)
        yield "sign with errors", page.url
        page.goto(site.url + reverse("signatories:check_inbox", args=[slug]))
        yield "check your inbox", page.url
        page.goto(site.url + new_confirm_path())
        yield "confirm", page.url
        submit(page)
        yield "confirmed", page.url
        page.goto(site.url + new_correct_path())
        yield "correct", page.url
        page.locator("#id_organization").fill("")
        submit(page)
        yield "correct with errors", page.url
        for name, view in [
            ("directory", "signatories:directory"),
            ("embed", "signatories:embed"),
            ("print", "signatories:print"),
        ]:
            page.goto(site.url + reverse(view, args=[slug]))
            yield name, page.url
        page.goto(site.url + reverse("letter:privacy"))
        yield "privacy", page.url

    return tour
