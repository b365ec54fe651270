import io
import json
import logging.config
import sys

import pytest
from django.urls import reverse

from config.logging_settings import logging_settings
from signatories.moderation import review
from signatories.signing import services
from signatories.tokens import make_confirm_token, make_withdraw_token
from tests.factories import SignatureFactory, sign_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_logs(settings, capfd):
    """Returns a function that starts logging with the settings' configuration to this test's
    captured standard error, and returns what was logged as JSON objects on a later call."""

    def logs():
        if not started:
            # Configured in the test's own phase, so the handler writes where capfd reads.
            logging.config.dictConfig(settings.LOGGING)
            capfd.readouterr()
            started.append(True)
            return []
        err = capfd.readouterr().err.splitlines()
        return [json.loads(line) for line in err if line.startswith("{")]

    started = []
    yield logs
    logging.config.dictConfig(settings.LOGGING)


def test_requests_and_moderation_events_log_one_json_object_per_line(
    client, letter, moderator, json_logs
):
    json_logs()
    client.post(
        reverse("signatories:sign", args=[letter.slug]),
        sign_form_data(contact_name="Secret Contact", email="secret@private-example.org"),
        REMOTE_ADDR="203.0.113.44",
    )
    signature = letter.signatures.get()
    services.signature_confirm(signature=signature)
    review.signature_approve(signature=signature, moderator=moderator)
    records = json_logs()
    requests = [r for r in records if r["logger"] == "signon.request"]
    events = [r for r in records if r["logger"] == "signon.moderation"]
    assert requests[0]["method"] == "POST" and requests[0]["status"] == 302
    assert "duration_ms" in requests[0]
    assert [e["action"] for e in events] == ["submitted", "confirmed", "approved"]
    assert events[-1]["actor_id"] == moderator.pk
    text = json.dumps(records)
    for private in ["Secret Contact", "secret@private-example.org", "203.0.113.44"]:
        assert private not in text


def test_request_logs_name_the_route_never_a_token_a_search_a_host_or_an_address(
    client, letter, json_logs
):
    token = make_confirm_token(SignatureFactory(letter=letter).pk)
    withdraw_token = make_withdraw_token(SignatureFactory(letter=letter).pk)
    json_logs()
    client.get(reverse("signatories:confirm", args=[token]), REMOTE_ADDR="203.0.113.44")
    client.get(reverse("signatories:withdraw", args=[withdraw_token]))
    client.get(reverse("signatories:confirm", args=["forged.token:value"]))  # 400, logged
    client.get(reverse("signatories:directory", args=[letter.slug]), {"q": "Asociación Secreta"})
    client.get("/no-such-page/asociacion-secreta/")  # 404, logged by django.request
    client.get("/", HTTP_HOST="evil-host-example.org")  # DisallowedHost, django.security
    records = json_logs()
    routes = [r["route"] for r in records if r["logger"] == "signon.request"]
    assert routes == [
        "/confirm/<str:token>/",
        "/withdraw/<str:token>/",
        "/confirm/<str:token>/",
        "/letters/<slug:slug>/signatories/",
        "<unresolved>",
        "/",
    ]
    assert any(r["logger"] == "django.request" for r in records)
    assert any(r["logger"].startswith("django.security") for r in records)
    text = json.dumps(records)
    for private in [token, withdraw_token, "forged.token", "Secreta", "secreta", "203.0.113.44"]:
        assert private not in text
    assert "evil-host" not in text


@pytest.mark.parametrize("status", ["400", "404", "500"])
def test_development_server_prints_no_token_of_an_invalid_link(settings, capfd, status):
    """Issue 21, item 14: `make run` printed the path of every 4xx request, the token of an
    expired or invalid confirm or withdraw link with it."""
    from django.core.servers.basehttp import WSGIRequestHandler

    settings.LOGGING = logging_settings(log_format="text", level="INFO")
    logging.config.dictConfig(settings.LOGGING)
    capfd.readouterr()
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)  # as runserver has it per request
    handler.request = object()  # runserver passes its socket as the record's "request"
    for line in [
        "GET /confirm/Secret-Token:abc/ HTTP/1.1",
        "POST /withdraw/Other-Token/?x=1 HTTP/1.1",
    ]:
        handler.log_message('"%s" %s %s', line, status, "2836")
    err = capfd.readouterr().err
    logging.config.dictConfig(logging_settings(log_format="json", level="INFO"))
    assert "Secret-Token" not in err and "Other-Token" not in err
    assert f"{status} GET /confirm/<str:token>/" in err
    assert f"{status} POST /withdraw/<str:token>/" in err


def test_console_log_writes_to_the_process_stderr_not_a_closed_capture(
    settings, monkeypatch, capfd
):
    # A runner captures sys.stderr while logging is configured, then closes that stream: a
    # thread logging later must reach the process's standard error, with no "Logging error".
    captured, later = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", captured)
    logging.config.dictConfig(settings.LOGGING)
    try:
        captured.close()
        monkeypatch.setattr(sys, "stderr", later)
        logging.getLogger("mail.log").warning("Peer disconnected")
    finally:
        monkeypatch.undo()
        logging.config.dictConfig(settings.LOGGING)
    assert later.getvalue() == ""  # where a "Logging error" traceback would go
    assert "Peer disconnected" in capfd.readouterr().err
