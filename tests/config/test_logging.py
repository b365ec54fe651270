import json
import logging.config

import pytest
from django.urls import reverse

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
