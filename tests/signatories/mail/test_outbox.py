"""The emails owed to signers and how each is built (signatories/outbox.py)."""

import re

import pytest
from django.urls import reverse

from letter.models import LetterTranslation
from signatories.models import Notification
from signatories.moderation import review
from signatories.signing import services
from signatories.tasks import deliver_notification
from signatories.tokens import make_withdraw_token, read_confirm_token
from tests.factories import SignatureFactory, sign_form_data

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


def test_no_email_is_owed_to_an_invalid_address(letter, moderator, mailoutbox):
    # RFC 2606 reserves .invalid for names sure never to exist: the demo signatures' domain.
    signature = SignatureFactory(letter=letter, confirmed=True, email="ana@ngo.invalid")
    review.signature_approve(signature=signature, moderator=moderator)
    assert not signature.notifications.exists()
    assert mailoutbox == []


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
def translated_letter(letter):
    LetterTranslation.objects.create(
        letter=letter, language="fr", title="Lettre ouverte en français", body="Premier.\n\nSecond."
    )
    return letter


def test_emails_carry_the_letters_title_in_the_signers_language(translated_letter, mailoutbox):
    signature = SignatureFactory(letter=translated_letter, language="fr")
    notification = Notification.objects.create(signature=signature, kind="confirm")
    deliver_notification(notification.pk)
    assert "Lettre ouverte en français" in mailoutbox[0].subject
    assert ">Lettre ouverte en français</a>" in mailoutbox[0].alternatives[0][0]


def test_signers_language_is_kept_for_their_emails(client, letter):
    client.post(
        reverse("signatories:sign", args=[letter.slug]),
        sign_form_data(),
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert letter.signatures.get().language == "fr"


@pytest.mark.parametrize("kind", ["confirm", "already_signed", "approved", "rejected"])
def test_every_email_carries_a_signed_withdrawal_link(letter, mailoutbox, kind, settings):
    settings.SITE_URL = "https://letters.example.org"
    signature = SignatureFactory(letter=letter, confirmed=True, rejection_reason="x")
    deliver_notification(Notification.objects.create(signature=signature, kind=kind).pk)
    (email,) = mailoutbox
    link = f"https://letters.example.org/withdraw/{make_withdraw_token(signature.pk)}/"
    assert link in email.body
    assert link in email.alternatives[0][0]
