"""Errors reach a person, and nothing secret goes with them: Sentry events from a failing
request and from a task that gave up after its retries, and the 500 email to ADMINS."""

import gzip
import http.server
import threading

import brotli
import pytest
import sentry_sdk
from aiosmtpd.controller import Controller
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config import celery_app
from config.error_reporting import init_sentry
from signatories import tasks
from signatories.models import Notification
from signatories.tokens import make_confirm_token
from tests.factories import SignatureFactory
from tests.stack import (
    RedisServer,
    Worker,
    app_env,
    database_url_of_test_database,
    free_port,
    wait_until,
)

EMAIL = "secret.person@private.example"
ADDRESS = "203.0.113.77"
SESSION = "a-session-cookie-value"


class SentrySink:
    """A Sentry server on loopback, enough for sentry-sdk: it keeps the envelopes posted."""

    def __init__(self):
        self.envelopes = []
        sink = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's hook)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                # sentry-sdk compresses with brotli where the package is installed, else gzip.
                encoding = self.headers.get("Content-Encoding")
                if encoding == "br":
                    body = brotli.decompress(body)
                elif encoding == "gzip":
                    body = gzip.decompress(body)
                sink.envelopes.append(body.decode("utf-8", "replace"))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def dsn(self):
        return f"http://publickey@127.0.0.1:{self.server.server_port}/1"

    def events_with(self, text):
        return [envelope for envelope in self.envelopes if text in envelope]


@pytest.fixture
def sentry_sink():
    sink = SentrySink()
    sink.thread.start()
    yield sink
    sink.server.shutdown()
    sink.server.server_close()


@pytest.fixture
def reporting_to(sentry_sink):
    init_sentry(sentry_sink.dsn)
    yield sentry_sink
    sentry_sdk.init()  # no DSN: reports nothing again


def assert_nothing_secret(text, *secrets):
    for secret in (EMAIL, ADDRESS, *secrets):
        assert secret not in text


@pytest.mark.django_db
def test_a_failing_request_reaches_sentry_and_the_admins_without_secrets(
    reporting_to, letter, settings, mailoutbox, monkeypatch
):
    settings.ADMINS = [("Ops", "ops@coalition.example")]
    signature = SignatureFactory(letter=letter, email=EMAIL)
    token = make_confirm_token(signature.pk)

    def fail(token):
        raise RuntimeError(f"the confirm view broke for {EMAIL} from {ADDRESS} with {token}")

    monkeypatch.setattr("signatories.views.read_confirm_token", fail)
    client = Client(raise_request_exception=False, REMOTE_ADDR=ADDRESS)
    client.cookies["sessionid"] = SESSION
    response = client.get(
        reverse("signatories:confirm", args=[token]) + f"?email={EMAIL}",
        HTTP_X_FORWARDED_FOR=ADDRESS,
    )
    assert response.status_code == 500
    sentry_sdk.flush()

    (event,) = reporting_to.events_with("RuntimeError")
    assert "the confirm view broke for [email] from [address] with [token]" in event
    assert_nothing_secret(event, token, SESSION)

    (report,) = mailoutbox
    assert report.to == ["ops@coalition.example"]
    assert "RuntimeError" in report.body and "/confirm/[token]/" in report.subject
    assert_nothing_secret(report.subject + report.body, token, SESSION)
    assert_nothing_secret(str(report.alternatives), token, SESSION)


class RefusingMailServer:
    """An SMTP server that turns every recipient away for now (a temporary refusal, which the
    task retries), naming the address as servers do."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        return f"451 4.2.0 <{address}>: mailbox busy, try again later"


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_that_gave_up_after_its_retries_reaches_sentry_without_secrets(
    sentry_sink, letter, tmp_path
):
    smtp = Controller(RefusingMailServer(), hostname="127.0.0.1", port=free_port())
    smtp.start()
    # A broker of its own: no task another test left queued reaches this worker.
    redis = RedisServer(tmp_path).start()
    env = app_env(
        DATABASE_URL=database_url_of_test_database(),
        REDIS_URL=redis.url,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}",
        SENTRY_DSN=sentry_sink.dsn,
    )
    worker = Worker(tmp_path, env, name="sentry").start()
    try:
        signature = SignatureFactory(letter=letter, email=EMAIL)
        # Marked handed to a worker just now, so that the worker's outbox dispatcher leaves
        # it to the task below instead of sending it (and retrying it) itself.
        notification = Notification.objects.create(
            signature=signature, kind=Notification.Kind.CONFIRM, requeued_at=timezone.now()
        )
        # Enqueued as if its last retry had already come: this failure is the final one.
        with celery_app.connection_for_write(redis.url) as broker:
            tasks.deliver_notification.apply_async(
                (notification.pk,),
                retries=tasks.deliver_notification.max_retries,
                connection=broker,
            )
        wait_until(lambda: sentry_sink.events_with("DeliveryDeferred"), 60, "the task's event")
    finally:
        worker.stop()
        smtp.stop()
        redis.stop()
    (event,) = sentry_sink.events_with("DeliveryDeferred")
    assert "451 4.2.0" in event and "deliver_notification" in event
    assert_nothing_secret(event, make_confirm_token(signature.pk))
    notification.refresh_from_db()
    assert notification.sent_at is None
