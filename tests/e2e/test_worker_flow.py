"""Sign, receive the email through a real worker and SMTP server, confirm, approve, count."""

import pytest
from django.urls import reverse

from signatories.models import Signature
from tests.factories import LetterFactory, sign_form_data

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_sign_confirm_approve_and_count(client, admin_client, start_worker, smtp_inbox):
    start_worker()
    letter = LetterFactory()
    count_url = reverse("signatories:count", args=[letter.slug])
    assert client.get(count_url).json()["count"] == 0

    response = client.post(
        reverse("signatories:sign", args=[letter.slug]),
        sign_form_data(
            organization="Asociación Derechos Ya",
            country="AR",
            website="https://derechos.example.org",
            contact_name="Lucía Pérez",
            email="lucia@derechos.example.org",
        ),
    )
    assert response.status_code == 302
    signature = Signature.objects.get(letter=letter)

    (message,) = smtp_inbox.wait_for(1)
    assert message["To"] == "lucia@derechos.example.org"
    confirm_path = smtp_inbox.confirm_path(message)
    assert "Asociación Derechos Ya" in client.get(confirm_path).content.decode()
    client.post(confirm_path)
    signature.refresh_from_db()
    assert signature.status == Signature.Status.CONFIRMED

    admin_client.post(
        reverse("admin:signatories_signature_changelist"),
        {"action": "approve_signatures", "_selected_action": [signature.pk]},
    )
    signature.refresh_from_db()
    assert signature.status == Signature.Status.APPROVED
    assert client.get(count_url).json()["count"] == 1
    assert len(smtp_inbox.messages) == 1
