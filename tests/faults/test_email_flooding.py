"""Item 2: the site must not be usable to send many emails, or an attacker's words, to
someone else's address."""

import re

import pytest
from django.urls import reverse

from signatories.models import Notification, Signature
from signatories.signing import services
from signatories.tasks import deliver_notification
from signatories.tokens import make_confirm_token
from tests.factories import LetterFactory, SignatureFactory, sign_form_data

pytestmark = pytest.mark.django_db

VICTIM = "victim@example.org"
PHISH = "Your account is suspended - see http://phish-example.org/login"


@pytest.fixture(autouse=True)
def only_the_recipient_limit(settings):
    # The per-client limits are not what is tested here.
    settings.RATE_LIMITS = {"sign": ["1000/m"], "confirm": ["1000/m"], "new_link": ["1000/m"]}


def delivered(mailoutbox):
    for notification in Notification.objects.filter(sent_at=None).order_by("pk"):
        deliver_notification(notification.pk)
    return mailoutbox


def sign(client, letter, **fields):
    response = client.post(
        reverse("signatories:sign", args=[letter.slug]), sign_form_data(email=VICTIM, **fields)
    )
    return response.status_code, response.url.replace(letter.slug, "<slug>")


def test_sign_ons_for_one_address_send_at_most_the_allowance(client, mailoutbox, settings):
    settings.EMAILS_PER_RECIPIENT = 3
    letters = [LetterFactory() for _ in range(3)]
    answers = {sign(client, letter, organization=PHISH) for letter in letters}
    answers |= {sign(client, letter, organization=PHISH) for letter in letters}  # repeats
    assert len(answers) == 1  # the page looks the same past the limit
    assert len(delivered(mailoutbox)) == 3


def test_a_new_signature_on_another_letter_gets_no_fresh_allowance(client, mailoutbox, settings):
    settings.EMAILS_PER_RECIPIENT = 2
    letters = [LetterFactory() for _ in range(3)]
    sign(client, letters[0])
    sign(client, letters[1])
    # However the address is written, it is the same address.
    client.post(
        reverse("signatories:sign", args=[letters[2].slug]),
        sign_form_data(email=VICTIM.upper()),
    )
    assert len(delivered(mailoutbox)) == 2
    assert Signature.objects.filter(letter=letters[2]).exists()  # stored, not emailed


def test_one_new_link_request_sends_one_email_whatever_the_letters(
    client, mailoutbox, settings, run_new_link_requests, django_capture_on_commit_callbacks
):
    settings.EMAILS_PER_RECIPIENT = 3
    for _ in range(3):
        SignatureFactory(letter=LetterFactory(), email=VICTIM)
    url = reverse("signatories:new_link")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"email": VICTIM})
    run_new_link_requests()
    assert len(delivered(mailoutbox)) == 1
    for _ in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            again = client.post(url, {"email": VICTIM})
        run_new_link_requests()
        assert again.content.replace(b"\n", b"") == first.content.replace(b"\n", b"")
    assert len(delivered(mailoutbox)) == 3
    # Asking again reached each letter in turn.
    assert len({re.search(r"/confirm/\S+/", m.body).group(0) for m in mailoutbox}) == 3


def test_an_expired_link_replayed_sends_one_email(client, letter, settings, mailoutbox):
    signature = SignatureFactory(letter=letter, email=VICTIM)
    token = make_confirm_token(signature.pk)
    settings.SIGNATURE_CONFIRM_MAX_AGE = -1
    for _ in range(5):
        response = client.post(reverse("signatories:resend_expired", args=[token]))
        assert b"new link is on its way" in response.content
    assert len(delivered(mailoutbox)) == 1


def test_the_limit_spans_every_kind_of_public_email(letter, settings, mailoutbox):
    settings.EMAILS_PER_RECIPIENT = 2
    signed = SignatureFactory(letter=LetterFactory(), email=VICTIM, confirmed=True)
    fields = {"country": "KE", "scope": "national", "website": "", "contact_name": "x"}
    for _ in range(3):
        services.signature_submit(letter=signed.letter, organization="A", email=VICTIM, **fields)
    services.signature_submit(letter=letter, organization="B", email=VICTIM.upper(), **fields)
    assert len(delivered(mailoutbox)) == 2


def render(kind, mailoutbox, **fields):
    signature = SignatureFactory(contact_name=PHISH, organization=PHISH, **fields)
    signature.rejection_reason = "Not an organization."
    signature.save()
    deliver_notification(Notification.objects.create(signature=signature, kind=kind).pk)
    email = mailoutbox[-1]
    return email.subject, email.body, email.alternatives[0][0]


@pytest.mark.parametrize("kind", ["confirm", "already_signed", "approved", "rejected"])
def test_what_a_signer_typed_is_never_a_link_nor_the_first_words(kind, mailoutbox):
    subject, text, html = render(kind, mailoutbox)
    assert not subject.startswith("Your account")
    assert text.startswith("Hello,\n")
    first_paragraph = re.search(r"<body>\s*<p>(.*?)</p>", html, re.S).group(1)
    assert first_paragraph == "Hello,"
    for body in (subject, text, html):
        assert "phish-example.org" not in body  # what a mail client would turn into a link
        assert "http://phish" not in body
    assert not re.search(r"href=\"[^\"]*phish", html)


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_the_organization_name_is_quoted_as_submitted(language, mailoutbox):
    _subject, text, html = render("confirm", mailoutbox, language=language)
    assert "Your account is suspended" in text
    quoted = re.search(r"[“«]\s?(Your account is suspended[^”»]*?)\s?[”»]", text)
    assert quoted, text
    assert "Your account is suspended" in html
    assert "Hello" not in text or language == "en"  # the greeting is translated too
