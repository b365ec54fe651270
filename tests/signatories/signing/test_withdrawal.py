"""Withdrawing from a link that may have been forwarded, the email that tells the signer, and
undoing it (issue 21, item 9)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from signatories.models import Notification, Signature
from signatories.signing import services, withdrawal
from signatories.tasks import deliver_notification
from signatories.tokens import make_undo_withdrawal_token, make_withdraw_token
from tests.factories import SignatureFactory, sign_form_data

pytestmark = pytest.mark.django_db

SIGNER = "signer@ngo-example.org"


@pytest.fixture(autouse=True)
def permissive_limits(settings):
    settings.RATE_LIMITS = {"sign": ["1000/m"], "confirm": ["1000/m"], "new_link": ["1000/m"]}
    settings.SITE_URL = "https://letters.example.org"


@pytest.fixture
def listed(letter):
    return SignatureFactory(letter=letter, approved=True, email=SIGNER, organization="Staying Org")


def delivered(mailoutbox):
    for notification in Notification.objects.filter(sent_at=None).order_by("pk"):
        deliver_notification(notification.pk)
    return mailoutbox


def link_in(email, name):
    path = re.search(rf"https://letters\.example\.org(/withdraw/{name}[^\s\"<]+/)", email.body)
    return path.group(1)


def count(client, letter):
    return client.get(reverse("signatories:count", args=[letter.slug])).json()["count"]


def test_withdraw_link_in_a_forwarded_email_only_emails_the_address_that_signed(
    client, letter, listed, mailoutbox
):
    """Whoever holds a forwarded email (the "approved" one above all) could withdraw the
    organization, for ever: now the link only has a fresh one sent to the address that signed."""
    forwarded = reverse("signatories:withdraw", args=[make_withdraw_token(listed.pk)])
    page = client.post(forwarded).content.decode()
    assert "Check the inbox of the address that signed" in page
    listed.refresh_from_db()
    assert listed.status == Signature.Status.APPROVED
    assert count(client, letter) == 1
    (email,) = delivered(mailoutbox)
    assert email.to == [SIGNER]
    assert "/withdraw/confirm/" in email.body and "/withdraw/confirm/" in email.alternatives[0][0]


def test_withdraw_link_asks_within_the_recipients_allowance(client, listed, mailoutbox, settings):
    settings.EMAILS_PER_RECIPIENT = 2
    forwarded = reverse("signatories:withdraw", args=[make_withdraw_token(listed.pk)])
    for _ in range(5):
        assert client.post(forwarded).status_code == 200
    assert len(delivered(mailoutbox)) == 2


def test_withdraw_confirm_link_from_the_fresh_email_withdraws(client, letter, listed, mailoutbox):
    client.post(reverse("signatories:withdraw", args=[make_withdraw_token(listed.pk)]))
    confirm = link_in(delivered(mailoutbox)[0], "confirm")
    assert "<form" in client.get(confirm).content.decode()
    listed.refresh_from_db()
    assert listed.status == Signature.Status.APPROVED  # opening the link changes nothing
    page = client.post(confirm).content.decode()
    assert "The signature is withdrawn" in page
    listed.refresh_from_db()
    assert listed.status == Signature.Status.WITHDRAWN
    assert count(client, letter) == 0
    assert client.post(confirm).status_code == 200  # twice is harmless


def test_withdraw_confirm_link_expires(client, listed, mailoutbox, settings):
    client.post(reverse("signatories:withdraw", args=[make_withdraw_token(listed.pk)]))
    confirm = link_in(delivered(mailoutbox)[0], "confirm")
    settings.SIGNATURE_CONFIRM_MAX_AGE = -1  # every link is now older than that
    assert client.post(confirm).status_code == 400
    listed.refresh_from_db()
    assert listed.status == Signature.Status.APPROVED


def test_withdrawal_is_told_to_the_signer_by_email_with_a_way_to_undo(
    client, letter, listed, mailoutbox, django_capture_on_commit_callbacks
):
    """Withdrawal was silent: an organization withdrawn by someone else never knew."""
    services.signature_withdraw(signature=listed)
    (email,) = delivered(mailoutbox)
    assert email.to == [SIGNER]
    assert "has been withdrawn" in email.body and "Staying Org" in email.body
    undo = link_in(email, "undo")
    assert undo in email.alternatives[0][0]
    assert count(client, letter) == 0
    assert "<form" in client.get(undo).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(undo).content.decode()
    assert "The signature is back" in page
    listed.refresh_from_db()
    assert listed.status == Signature.Status.APPROVED and listed.withdrawn_at is None
    assert count(client, letter) == 1
    assert list(listed.events.values_list("action", flat=True))[-2:] == ["withdrawn", "restored"]
    assert "can no longer be undone" in client.post(undo).content.decode()  # twice: nothing


@pytest.mark.parametrize("status", ["unconfirmed", "confirmed"])
def test_undo_withdrawal_puts_back_the_status_it_had(letter, status):
    signature = SignatureFactory(letter=letter, confirmed=status == "confirmed")
    services.signature_withdraw(signature=signature)
    restored = withdrawal.signature_withdrawal_undo(signature=signature, revision=0)
    assert restored.status == status


def test_undo_withdrawal_expires_after_the_period(client, listed, settings):
    settings.WITHDRAWAL_UNDO_DAYS = 14
    services.signature_withdraw(signature=listed)
    Signature.objects.filter(pk=listed.pk).update(withdrawn_at=timezone.now() - timedelta(days=15))
    undo = reverse("signatories:undo_withdrawal", args=[make_undo_withdrawal_token(listed.pk, 0)])
    assert "can no longer be undone" in client.post(undo).content.decode()
    listed.refresh_from_db()
    assert listed.status == Signature.Status.WITHDRAWN
    with pytest.raises(withdrawal.UndoNotAllowed):
        withdrawal.signature_withdrawal_undo(signature=listed, revision=0)


def test_undo_link_of_a_signature_signed_again_changes_nothing(client, letter, listed):
    services.signature_withdraw(signature=listed)
    client.post(reverse("signatories:sign", args=[letter.slug]), sign_form_data(email=SIGNER))
    listed.refresh_from_db()
    assert listed.revision == 1 and listed.status == Signature.Status.UNCONFIRMED
    undo = reverse("signatories:undo_withdrawal", args=[make_undo_withdrawal_token(listed.pk, 0)])
    assert client.post(undo).status_code == 400
    listed.refresh_from_db()
    assert listed.status == Signature.Status.UNCONFIRMED
