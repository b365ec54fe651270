import pytest
from django.urls import reverse
from django.utils import timezone

from signatories.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint():
    return WebhookEndpoint.objects.create(url="https://crm.example/hooks")


def test_send_a_test_event_button_owes_a_test_event(admin_client, endpoint):
    change = reverse("admin:signatories_webhookendpoint_change", args=[endpoint.pk])
    assert 'id="send-test-event"' in admin_client.get(change).content.decode()
    test_url = reverse("admin:signatories_webhookendpoint_test", args=[endpoint.pk])
    response = admin_client.post(test_url)
    assert response.status_code == 302
    delivery = WebhookDelivery.objects.get()
    assert delivery.endpoint == endpoint and delivery.event_type == "webhook.test"


def test_webhooks_are_for_superusers_only(moderator_client, endpoint):
    assert (
        moderator_client.get(reverse("admin:signatories_webhookendpoint_changelist")).status_code
        == 403
    )
    test_url = reverse("admin:signatories_webhookendpoint_test", args=[endpoint.pk])
    moderator_client.post(test_url)
    assert not WebhookDelivery.objects.exists()


def test_webhook_permanent_refusal_is_shown(admin_client, endpoint):
    WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id="msg_1",
        event_type="signature.approved",
        next_attempt_at=timezone.now(),
        failed_at=timezone.now(),
        attempts=1,
        last_error="HTTP 404: refused for good",
    )
    listing = admin_client.get(reverse("admin:signatories_webhookdelivery_changelist"))
    content = listing.content.decode()
    assert "Refused for good" in content and "HTTP 404: refused for good" in content
    endpoints = admin_client.get(reverse("admin:signatories_webhookendpoint_changelist"))
    assert "0 owed, 1 refused" in endpoints.content.decode()
