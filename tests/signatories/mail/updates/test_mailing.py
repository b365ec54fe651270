"""Emailing an update: who receives it, once each, in their language, with a one-click
unsubscribe; pausing; and the signer's choice at signing, kept until the purge."""

import datetime

import pytest
from django.core import mail
from django.test.client import MULTIPART_CONTENT
from django.urls import reverse
from django.utils import timezone

from letter.models import LetterUpdateTranslation
from signatories.mail.updates import dispatch as update_dispatch
from signatories.mail.updates import mailing as update_mailing
from signatories.models import Signature, UpdateDelivery
from signatories.signing.retention import contact_data_purge
from signatories.tokens import make_unsubscribe_token, make_withdraw_token
from tests.browser_client import BrowserClient
from tests.factories import LetterUpdateFactory, SignatureFactory, sign_form_data


@pytest.fixture(autouse=True)
def fast_sending(settings):
    settings.UPDATE_EMAILS_PER_MINUTE = 600_000


@pytest.fixture
def update(letter):
    return LetterUpdateFactory(letter=letter, title="We met the minister")


def subscriber(letter, **fields):
    return SignatureFactory(letter=letter, approved=True, wants_updates=True, **fields)


def send_all(update, user=None):
    send, added = update_mailing.update_send_start(update=update, started_by=user)
    while update_dispatch.update_emails_dispatch():
        pass
    return send, added


def test_only_approved_opted_in_signatures_with_an_address_receive_the_update(letter, update):
    wanted = subscriber(letter, email="yes@ngo.example")
    SignatureFactory(letter=letter, approved=True, email="no@ngo.example")  # did not opt in
    for status in (Signature.Status.REJECTED, Signature.Status.WITHDRAWN):
        SignatureFactory(letter=letter, status=status, wants_updates=True)
    SignatureFactory(letter=letter, confirmed=True, wants_updates=True)  # not yet approved
    SignatureFactory(letter=letter, approved=True, wants_updates=True, email="")  # on paper
    unsubscribed = subscriber(letter)
    update_mailing.signature_unsubscribe(signature=unsubscribed)
    subscriber(SignatureFactory().letter)  # another letter's signer
    send_all(update)
    assert [message.to for message in mail.outbox] == [[wanted.email]]


def test_pressing_send_twice_sends_nothing_more(letter, update):
    for _ in range(3):
        subscriber(letter)
    _send, added = send_all(update)
    assert added == 3 and len(mail.outbox) == 3
    _send, added = send_all(update)
    assert added == 0 and len(mail.outbox) == 3
    assert UpdateDelivery.objects.count() == 3


def test_a_signer_who_opts_in_later_gets_the_update_on_the_next_press(letter, update):
    subscriber(letter)
    send_all(update)
    subscriber(letter, email="late@ngo.example")
    _send, added = send_all(update)
    assert added == 1 and mail.outbox[-1].to == ["late@ngo.example"]


def test_a_signer_who_unsubscribes_before_their_turn_is_skipped(letter, update):
    signature = subscriber(letter)
    update_mailing.update_send_start(update=update, started_by=None)
    update_mailing.signature_unsubscribe(signature=signature)
    while update_dispatch.update_emails_dispatch():
        pass
    assert mail.outbox == []
    assert UpdateDelivery.objects.get().failed_at is not None


def test_email_is_in_the_signers_language_with_one_click_unsubscribe(letter, update, settings):
    LetterUpdateTranslation.objects.create(update=update, language="fr", title="Rencontre")
    french = subscriber(letter, language="fr")
    spanish = subscriber(letter, language="es")  # no Spanish translation: the original
    send_all(update)
    by_address = {message.to[0]: message for message in mail.outbox}
    message = by_address[french.email]
    assert "Rencontre" in message.subject and message.extra_headers["Content-Language"] == "fr"
    unsubscribe = f"{settings.SITE_URL}/unsubscribe/{make_unsubscribe_token(french.pk)}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body
    assert "We met the minister" in by_address[spanish.email].subject
    assert by_address[spanish.email].extra_headers["Content-Language"] == "es"


def test_a_paused_send_sends_nothing_until_resumed(letter, update):
    subscriber(letter)
    send, _added = update_mailing.update_send_start(update=update, started_by=None)
    update_mailing.update_send_pause(send=send, paused=True)
    update_dispatch.update_emails_dispatch()
    assert mail.outbox == []
    update_mailing.update_send_pause(send=send, paused=False)
    update_dispatch.update_emails_dispatch()
    assert len(mail.outbox) == 1


def test_admin_shows_the_progress_of_each_send(admin_client, letter, update):
    subscriber(letter)
    subscriber(letter)
    admin_client.post(
        reverse("admin:letter_letterupdate_changelist"),
        {"action": "email_to_signatories", "_selected_action": [update.pk]},
    )
    UpdateDelivery.objects.filter(pk=UpdateDelivery.objects.first().pk).update(
        sent_at=timezone.now()
    )
    page = admin_client.get(reverse("admin:signatories_updatesend_changelist")).content.decode()
    assert '<td class="field-owed">1</td>' in page
    assert '<td class="field-sent">1</td>' in page


# Unsubscribing


def test_unsubscribe_link_shows_a_button_and_changes_nothing(client, letter):
    signature = subscriber(letter)
    response = client.get(
        reverse("signatories:unsubscribe", args=[make_unsubscribe_token(signature.pk)])
    )
    assert response.status_code == 200 and '<form method="post">' in response.content.decode()
    signature.refresh_from_db()
    assert signature.wants_updates


def test_one_click_unsubscribe_works_without_csrf_or_cookies(letter):
    signature = subscriber(letter)
    url = reverse("signatories:unsubscribe", args=[make_unsubscribe_token(signature.pk)])
    client = BrowserClient(enforce_csrf_checks=True)
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    signature.refresh_from_db()
    assert not signature.wants_updates
    assert signature.status == Signature.Status.APPROVED  # the signature stays
    assert client.post(url).status_code == 200  # again: still fine


def test_one_click_unsubscribe_may_come_as_multipart(letter):
    """RFC 8058 lets the mail provider post it as multipart/form-data, which the other public
    forms refuse (config/request_size.py)."""
    signature = subscriber(letter)
    url = reverse("signatories:unsubscribe", args=[make_unsubscribe_token(signature.pk)])
    client = BrowserClient(enforce_csrf_checks=True)
    response = client.post(url, {"List-Unsubscribe": "One-Click"}, content_type=MULTIPART_CONTENT)
    assert response.status_code == 200
    signature.refresh_from_db()
    assert not signature.wants_updates


def test_a_forged_unsubscribe_token_is_refused(client, letter):
    signature = subscriber(letter)
    response = client.post(reverse("signatories:unsubscribe", args=[f"{signature.pk}:forged"]))
    assert response.status_code == 400
    signature.refresh_from_db()
    assert signature.wants_updates


# The choice at signing


def test_the_sign_on_form_offers_updates_unticked(client, letter):
    page = client.get(reverse("signatories:sign", args=[letter.slug])).content.decode()
    assert "Email me updates about this letter" in page
    assert (
        'name="wants_updates"' in page
        and "checked" not in page.split('name="wants_updates"')[1].split(">")[0]
    )


@pytest.mark.parametrize("ticked", [True, False])
def test_the_choice_is_stored_with_the_signature(client, letter, ticked):
    data = sign_form_data(**({"wants_updates": "on"} if ticked else {}))
    client.post(reverse("signatories:sign", args=[letter.slug]), data)
    assert Signature.objects.get().wants_updates is ticked


def test_the_purge_erases_the_choice_with_the_contact_data(letter):
    letter.signing_closes_at = timezone.now() - datetime.timedelta(days=400)
    letter.signing_opens_at = letter.signing_closes_at - datetime.timedelta(days=30)
    letter.save()
    signature = subscriber(letter)
    contact_data_purge()
    signature.refresh_from_db()
    assert not signature.wants_updates and signature.email == ""


def test_moderators_see_the_choice(admin_client, letter):
    signature = subscriber(letter)
    page = admin_client.get(reverse("admin:signatories_signature_change", args=[signature.pk]))
    assert "wants updates by email" in page.content.decode().lower()


# Open data


def test_updates_json_is_open_data_with_every_language(client, letter, update):
    LetterUpdateTranslation.objects.create(update=update, language="fr", title="Rencontre")
    response = client.get(reverse("signatories:updates_json", args=[letter.slug]))
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    (entry,) = data["updates"]
    assert entry["title"] == "We met the minister"
    assert entry["translations"]["fr"]["title"] == "Rencontre"
    assert entry["body_html"].startswith("<p>")
    again = client.get(
        reverse("signatories:updates_json", args=[letter.slug]), HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


def test_coordinator_pauses_and_resumes_a_send_in_the_admin(admin_client, letter, update):
    subscriber(letter)
    send, _added = update_mailing.update_send_start(update=update, started_by=None)
    changelist = reverse("admin:signatories_updatesend_changelist")
    admin_client.post(changelist, {"action": "pause", "_selected_action": [send.pk]})
    send.refresh_from_db()
    assert send.paused
    update_dispatch.update_emails_dispatch()
    assert mail.outbox == []
    admin_client.post(changelist, {"action": "resume", "_selected_action": [send.pk]})
    send.refresh_from_db()
    assert not send.paused


def test_moderators_cannot_email_updates(moderator_client, letter, update):
    subscriber(letter)
    moderator_client.post(
        reverse("admin:letter_letterupdate_changelist"),
        {"action": "email_to_signatories", "_selected_action": [update.pk]},
    )
    assert not UpdateDelivery.objects.exists()


def test_update_emails_have_a_reply_to_and_a_withdraw_link(letter, update, settings):
    """Issue 21, item 13: like every email to a signer, an update's replies reach the
    coalition and it carries the signer's own link to withdraw the signature."""
    settings.COALITION_CONTACT_EMAIL = "team@coalition.example.org"
    settings.COALITION_NAME = "Rights Coalition"
    first, second = subscriber(letter), subscriber(letter)
    send_all(update)
    by_address = {message.to[0]: message for message in mail.outbox}
    for signature in (first, second):
        message = by_address[signature.email]
        assert message.reply_to == ["team@coalition.example.org"]
        withdraw = f"{settings.SITE_URL}/withdraw/{make_withdraw_token(signature.pk)}/"
        assert withdraw in message.body and withdraw in message.alternatives[0][0]
        assert "Rights Coalition" in message.body
