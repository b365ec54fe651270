import logging
import re

import pytest
from django.urls import reverse

from signatories import outbox, review, services
from signatories.models import Notification
from signatories.tasks import deliver_notification
from signatories.tokens import read_confirm_token
from tests.factories import SignatureFactory
from tests.stack import Inbox

pytestmark = pytest.mark.django_db


def test_confirmation_email_has_text_and_html_with_an_absolute_link(
    signature, mailoutbox, settings
):
    settings.SITE_URL = "https://letters.example.org"
    notification = Notification.objects.create(signature=signature, kind="confirm")
    deliver_notification(notification.pk)
    (email,) = mailoutbox
    assert email.to == [signature.email]
    assert signature.letter.title in email.subject
    link = re.search(r"https://letters\.example\.org/confirm/(\S+)/", email.body)
    assert link, email.body
    assert read_confirm_token(link.group(1)).signature_id == signature.pk
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert reverse("signatories:confirm", args=[link.group(1)]) in html


def test_task_run_twice_sends_one_email(signature, mailoutbox):
    notification = Notification.objects.create(signature=signature, kind="confirm")
    deliver_notification(notification.pk)
    deliver_notification(notification.pk)
    assert len(mailoutbox) == 1


def test_already_signed_note_has_no_confirmation_link(letter, mailoutbox):
    signature = SignatureFactory(letter=letter, confirmed=True)
    notification = Notification.objects.create(signature=signature, kind="already_signed")
    deliver_notification(notification.pk)
    (email,) = mailoutbox
    assert "already" in email.subject.lower()
    assert "/confirm/" not in email.body


def test_email_keeps_names_readable_and_escapes_them_in_html(letter, mailoutbox):
    signature = SignatureFactory(letter=letter, organization="Droits & Libertés <Asbl>")
    deliver_notification(Notification.objects.create(signature=signature, kind="confirm").pk)
    (email,) = mailoutbox
    assert "Droits & Libertés <Asbl>" in email.body
    assert "Droits &amp; Libertés &lt;Asbl&gt;" in email.alternatives[0][0]


def test_subject_is_one_line_whatever_the_title(letter, mailoutbox):
    letter.title = "Line one\r\nBcc: victim@example.org"
    letter.save()
    signature = SignatureFactory(letter=letter)
    deliver_notification(Notification.objects.create(signature=signature, kind="confirm").pk)
    message = mailoutbox[0].message()
    assert "\n" not in mailoutbox[0].subject
    assert message["Bcc"] is None


def test_unknown_notification_is_ignored(mailoutbox):
    deliver_notification(999999)
    assert mailoutbox == []


def test_approval_tells_the_signer_with_the_letters_link(
    confirmed_signature, moderator, mailoutbox, django_capture_on_commit_callbacks, settings
):

    settings.SITE_URL = "https://letters.example.org"
    with django_capture_on_commit_callbacks():
        review.signature_approve(signature=confirmed_signature, moderator=moderator)
    assert mailoutbox == []  # nothing is sent before the approval commits
    notification = confirmed_signature.notifications.get(kind="approved")
    deliver_notification(notification.pk)
    (email,) = mailoutbox
    letter_url = f"https://letters.example.org{confirmed_signature.letter.get_absolute_url()}"
    assert "now listed" in email.subject
    assert letter_url in email.body
    assert letter_url in email.alternatives[0][0]


def test_rejection_tells_the_signer_the_reason(confirmed_signature, moderator, mailoutbox):

    review.signature_reject(
        signature=confirmed_signature, moderator=moderator, reason="We could not verify <you>."
    )
    deliver_notification(confirmed_signature.notifications.get(kind="rejected").pk)
    (email,) = mailoutbox
    assert "was not listed" in email.subject
    assert "We could not verify <you>." in email.body
    assert "We could not verify &lt;you&gt;." in email.alternatives[0][0]


def test_paper_signatures_are_never_emailed(letter, moderator, mailoutbox):

    signature = services.signature_add_by_moderator(
        letter=letter, moderator=moderator, organization="Paper", country="SN", scope="local"
    )
    review.signature_reject(signature=signature, moderator=moderator, reason="Duplicate")
    assert not signature.notifications.exists()


def test_emails_are_written_in_the_signers_language(letter, mailoutbox):
    from letter.models import LetterTranslation

    LetterTranslation.objects.create(letter=letter, language="fr", title="Lettre ouverte")
    signature = SignatureFactory(letter=letter, language="fr")
    deliver_notification(Notification.objects.create(signature=signature, kind="confirm").pk)
    (email,) = mailoutbox
    assert "Lettre ouverte" in email.subject
    assert email.subject != f"Confirm your signature: {letter.title}"
    assert email.subject.startswith("Confirmez votre signature")


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
    assert outbox.notifications_requeue() == []  # nor handed to a worker again by beat
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
    assert outbox.notifications_requeue() == [notification.pk]  # still owed
    assert "busy@full.example" not in caplog.text
    smtp.refusals.clear()
    deliver_notification.apply(args=[notification.pk])
    assert smtp.recipients() == [signature.email]
