import json
import logging.config

import pytest
from django.urls import reverse

from signatories import services
from tests.factories import sign_form_data

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
        sign_form_data(contact_name="Secret Contact", email="secret@private.example"),
        REMOTE_ADDR="203.0.113.44",
    )
    signature = letter.signatures.get()
    services.signature_confirm(signature=signature)
    services.signature_approve(signature=signature, moderator=moderator)
    records = json_logs()
    requests = [r for r in records if r["logger"] == "signon.request"]
    events = [r for r in records if r["logger"] == "signon.moderation"]
    assert requests[0]["method"] == "POST" and requests[0]["status"] == 302
    assert "duration_ms" in requests[0]
    assert [e["action"] for e in events] == ["submitted", "confirmed", "approved"]
    assert events[-1]["actor_id"] == moderator.pk
    text = json.dumps(records)
    for private in ["Secret Contact", "secret@private.example", "203.0.113.44"]:
        assert private not in text
