"""The Celery tasks (signatories/tasks.py): idempotent delivery, retried for temporary
failures only."""

import logging

import pytest
from django.core.mail.backends import smtp as smtp_backend

from signatories.mail import outbox
from signatories.models import (
    Notification,
)
from signatories.tasks import deliver_notification, deliver_notifications
from tests.factories import SignatureFactory
from tests.stack import Inbox

pytestmark = pytest.mark.django_db


def test_task_run_twice_sends_one_email(signature, mailoutbox):
    notification = Notification.objects.create(signature=signature, kind="confirm")
    deliver_notification(notification.pk)
    deliver_notification(notification.pk)
    assert len(mailoutbox) == 1


def test_unknown_notification_is_ignored(mailoutbox):
    deliver_notification(999999)
    assert mailoutbox == []


def owed_notifications_claimed():
    """What the outbox dispatcher would hand to a worker now (without publishing it)."""
    return outbox.owed_emails_claim(owed_emails=Notification.objects.all(), limit=10, new_ones=True)


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback, which refuses the addresses a test chooses."""
    inbox = Inbox()
    inbox.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", inbox.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    inbox.stop()


def test_permanent_refusal_is_recorded_never_retried_and_its_address_never_logged(
    letter, smtp, caplog
):
    signature = SignatureFactory(letter=letter, email="gone@closed.example")
    smtp.refusals[signature.email] = "550 5.1.1 <gone@closed.example>: Recipient unknown"
    notification = Notification.objects.create(signature=signature, kind="confirm")
    with caplog.at_level(logging.INFO):
        result = deliver_notification.apply(args=[notification.pk])
    assert result.successful()
    assert smtp.rcpt_attempts == [signature.email]  # tried once, not retried
    notification.refresh_from_db()
    assert notification.sent_at is None and notification.failed_at is not None
    assert notification.failure == "550 5.1.1 <[address removed]>: Recipient unknown"
    assert owed_notifications_claimed() == []  # nor handed to a worker again
    deliver_notification.apply(args=[notification.pk])
    assert smtp.rcpt_attempts == [signature.email]
    assert "refused by the mail server" in caplog.text
    assert "gone@closed.example" not in caplog.text


def test_temporary_refusal_is_retried_a_bounded_number_of_times_and_stays_owed(
    letter, smtp, caplog, settings
):
    settings.NOTIFICATION_RESEND_AFTER_SECONDS = 0
    signature = SignatureFactory(letter=letter, email="busy@full.example")
    smtp.refusals[signature.email] = "451 4.2.2 <busy@full.example>: Mailbox busy, try later"
    notification = Notification.objects.create(signature=signature, kind="confirm")
    with caplog.at_level(logging.INFO):
        result = deliver_notification.apply(args=[notification.pk])
    assert result.failed()
    assert "451 4.2.2" in str(result.result) and "busy@full.example" not in str(result.result)
    assert len(smtp.rcpt_attempts) == deliver_notification.max_retries + 1
    notification.refresh_from_db()
    assert notification.failed_at is None and notification.sent_at is None
    assert owed_notifications_claimed() == [notification.pk]  # still owed
    assert "busy@full.example" not in caplog.text
    smtp.refusals.clear()
    deliver_notification.apply(args=[notification.pk])
    assert smtp.recipients() == [signature.email]


def test_a_batch_is_sent_over_one_connection_and_what_cannot_go_now_is_retried_alone(
    letter, smtp, monkeypatch
):
    """The dispatcher hands emails over in batches: each is sent once, a permanent refusal is
    recorded, and an email the server asks to try later is handed to the retrying task."""
    addresses = ["one@ngo.example", "gone@closed.example", "busy@full.example", "two@ngo.example"]
    smtp.refusals["gone@closed.example"] = "550 5.1.1 Recipient unknown"
    smtp.refusals["busy@full.example"] = "451 4.2.2 Mailbox busy, try later"
    owed = [
        Notification.objects.create(
            signature=SignatureFactory(letter=letter, email=a), kind="confirm"
        )
        for a in addresses
    ]
    retried = []
    monkeypatch.setattr(
        deliver_notification, "apply_async", lambda args, **kwargs: retried.extend(args)
    )
    connections = []
    real_open = smtp_backend.EmailBackend.open

    def counted_open(self):
        if self.connection is None:
            connections.append(1)
        return real_open(self)

    monkeypatch.setattr(smtp_backend.EmailBackend, "open", counted_open)

    deliver_notifications([n.pk for n in owed])

    assert sorted(smtp.recipients()) == ["one@ngo.example", "two@ngo.example"]
    assert retried == [owed[2].pk]
    assert len(connections) == 1
    states = {n.signature.email: (n.sent_at, n.failed_at) for n in Notification.objects.all()}
    assert states["gone@closed.example"][1] is not None
    assert states["busy@full.example"] == (None, None)  # still owed
    deliver_notifications([n.pk for n in owed])
    assert sorted(smtp.recipients()) == ["one@ngo.example", "two@ngo.example"]  # never twice


def test_a_batch_while_the_mail_server_is_down_is_retried_email_by_email(
    letter, settings, monkeypatch
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    owed = [
        Notification.objects.create(signature=SignatureFactory(letter=letter), kind="confirm")
        for _ in range(2)
    ]
    retried = []
    monkeypatch.setattr(
        deliver_notification, "apply_async", lambda args, **kwargs: retried.extend(args)
    )
    deliver_notifications([n.pk for n in owed])
    assert retried == [n.pk for n in owed]
    assert not Notification.objects.filter(sent_at__isnull=False).exists()
