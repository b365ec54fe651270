"""The two-step SMTP send against a real SMTP server on loopback: a message whose sender died
before the final "." is discarded by the server; a refusal is recorded for good; a temporary
one waits and is tried again; a server that is down marks nobody."""

import datetime

import pytest
from django.core.mail import EmailMessage
from django.utils import timezone

from signatories.mail.updates import dispatch as update_dispatch
from signatories.mail.updates import mailing as update_mailing
from signatories.mail.updates.emails import UpdateEmails
from signatories.mail.updates.mailer import Mailer
from signatories.models import UpdateDelivery
from tests.factories import LetterUpdateFactory, SignatureFactory
from tests.stack import Inbox, wait_until


@pytest.fixture
def inbox(settings):
    inbox = Inbox()
    inbox.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", inbox.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.UPDATE_EMAILS_PER_MINUTE = 600_000
    yield inbox
    inbox.stop()


def message(to):
    return EmailMessage("Subject", "Body\n.\nwith a lone dot", "from@site.example", [to])


def test_a_message_never_finished_is_never_delivered(inbox):
    dying = Mailer()
    dying.begin(message("first@ngo.example"))
    dying.backend.connection.sock.close()  # the worker dies before the final "."
    with Mailer() as mailer:
        mailer.begin(message("second@ngo.example"))
        mailer.finish()
    inbox.wait_for(1)
    assert inbox.recipients() == ["second@ngo.example"]
    assert ".\nwith a lone dot" in Inbox.text_of(inbox.messages[0]).replace("\r\n", "\n")


@pytest.fixture
def owed(letter, inbox):
    update = LetterUpdateFactory(letter=letter)

    def make(email):
        signature = SignatureFactory(letter=letter, approved=True, wants_updates=True, email=email)
        update_mailing.update_send_start(update=update, started_by=None)
        return UpdateDelivery.objects.get(signature=signature)

    return make


def send(delivery):
    with Mailer() as mailer:
        return update_dispatch.update_delivery_send(
            delivery_id=delivery.pk, mailer=mailer, emails=UpdateEmails()
        )


def test_a_permanent_refusal_is_recorded_without_the_address(inbox, owed):
    refused = "gone@ngo.example"
    inbox.refusals[refused] = f"550 5.1.1 <{refused}>: unknown"
    delivery = owed(refused)
    assert send(delivery) == update_dispatch.REFUSED
    delivery.refresh_from_db()
    assert delivery.sent_at is None and delivery.failed_at is not None
    assert delivery.failure == "550 5.1.1 <[address removed]>: unknown"
    assert send(delivery) == update_dispatch.SKIPPED  # never tried again
    assert inbox.rcpt_attempts.count(refused) == 1


def test_a_temporary_refusal_waits_and_is_tried_again(inbox, owed):
    busy = "busy@ngo.example"
    inbox.refusals[busy] = "451 4.3.0 try later"
    delivery = owed(busy)
    assert send(delivery) == update_dispatch.DEFERRED
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.next_attempt_at > timezone.now()
    assert update_dispatch._owed_ids() == []  # not before its time
    del inbox.refusals[busy]
    UpdateDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert update_dispatch._owed_ids() == [delivery.pk]
    assert send(delivery) == update_dispatch.SENT
    wait_until(lambda: inbox.recipients() == [busy], 5, "the retried email")


def test_a_server_that_is_down_marks_nobody(inbox, owed):
    delivery = owed("someone@ngo.example")
    inbox.stop()
    assert send(delivery) == update_dispatch.STOPPED
    delivery.refresh_from_db()
    assert (delivery.sent_at, delivery.failed_at, delivery.attempts) == (None, None, 0)
