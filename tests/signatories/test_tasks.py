"""The Celery tasks (signatories/tasks.py): idempotent delivery, retried for temporary
failures only."""

import logging

import pytest

from signatories import outbox
from signatories.models import (
    Notification,
)
from signatories.tasks import deliver_notification
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
