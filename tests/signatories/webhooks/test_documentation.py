"""docs/webhooks.md stays true: its receiver's signature check accepts the events this site
sends, and its example event has the fields an event has."""

import json
import re
import time
from pathlib import Path

import pytest

from signatories.models import WebhookDelivery, WebhookEndpoint
from signatories.signing import services
from signatories.webhooks.delivery import event_body
from signatories.webhooks.signing import signed_headers
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

GUIDE = (Path(__file__).resolve().parents[3] / "docs" / "webhooks.md").read_text()


def code_block(language):
    return re.findall(rf"```{language}\n(.*?)```", GUIDE, flags=re.DOTALL)


def test_webhook_documented_receiver_check_verifies_a_real_event(letter):
    endpoint = WebhookEndpoint.objects.create(url="https://crm.example/hooks")
    services.signature_confirm(signature=SignatureFactory(letter=letter))
    delivery = WebhookDelivery.objects.get()
    body = event_body(delivery)
    headers = signed_headers(
        secret=endpoint.secret, msg_id=delivery.event_id, timestamp=int(time.time()), body=body
    )
    namespace = {}
    exec(code_block("python")[0], namespace)  # noqa: S102 (the guide's own example)
    assert namespace["verify"](endpoint.secret, headers, body)
    assert not namespace["verify"](endpoint.secret, headers, body + b" ")


def test_webhook_documented_event_has_the_fields_events_have(letter):
    WebhookEndpoint.objects.create(url="https://crm.example/hooks")
    services.signature_confirm(signature=SignatureFactory(letter=letter))
    sent = json.loads(event_body(WebhookDelivery.objects.get()))
    documented = json.loads(code_block("json")[0])
    assert documented.keys() == sent.keys()
    assert documented["data"]["signature"].keys() == sent["data"]["signature"].keys()
