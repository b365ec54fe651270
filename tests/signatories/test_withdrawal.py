import re

import pytest
from django.urls import reverse

from signatories.models import Notification, Signature
from signatories.tasks import deliver_notification
from signatories.tokens import make_withdraw_token
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["confirm", "already_signed", "approved", "rejected"])
def test_every_email_carries_a_signed_withdrawal_link(letter, mailoutbox, kind, settings):
    settings.SITE_URL = "https://letters.example.org"
    signature = SignatureFactory(letter=letter, confirmed=True, rejection_reason="x")
    deliver_notification(Notification.objects.create(signature=signature, kind=kind).pk)
    (email,) = mailoutbox
    link = f"https://letters.example.org/withdraw/{make_withdraw_token(signature.pk)}/"
    assert link in email.body
    assert link in email.alternatives[0][0]


def test_get_shows_and_post_withdraws(client, letter, django_capture_on_commit_callbacks):
    signature = SignatureFactory(letter=letter, approved=True, organization="Leaving Org")
    url = reverse("signatories:withdraw", args=[make_withdraw_token(signature.pk)])
    count_url = reverse("signatories:count", args=[letter.slug])
    assert client.get(count_url).json()["count"] == 1
    page = client.get(url).content.decode()
    assert "Leaving Org" in page and "<form" in page
    signature.refresh_from_db()
    assert signature.status == Signature.Status.APPROVED
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url).content.decode()
    assert "The signature is withdrawn" in page
    signature.refresh_from_db()
    assert signature.status == Signature.Status.WITHDRAWN
    assert client.get(count_url).json()["count"] == 0
    for public in [letter.get_absolute_url(), reverse("signatories:data_json", args=[letter.slug])]:
        assert "Leaving Org" not in client.get(public).content.decode()
    assert "withdrawn" in signature.events.values_list("action", flat=True)
    assert client.post(url).status_code == 200  # twice is harmless


def test_tampered_withdrawal_link_changes_nothing(client, signature):
    token = re.sub(r".$", "x", make_withdraw_token(signature.pk))
    response = client.post(reverse("signatories:withdraw", args=[token]))
    assert response.status_code == 400
    signature.refresh_from_db()
    assert signature.status == Signature.Status.UNCONFIRMED
