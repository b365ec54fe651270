"""Item 1: signing first with someone else's address must not lock the real organization
out of the letter, and the page must never tell which case applied."""

import re

import pytest
from django.urls import reverse

from signatories.models import Notification, Signature, SignatureEvent
from signatories.signing import services
from signatories.tasks import deliver_notification
from tests.factories import LetterFactory, SignatureFactory, sign_form_data

pytestmark = pytest.mark.django_db

ADDRESS = "director@realngo-example.org"
ATTACKER = {"organization": "Friends of the Regime", "country": "FR", "scope": "international"}
REAL = {
    "organization": "Real NGO",
    "country": "KE",
    "scope": "national",
    "website": "https://realngo-example.org",
    "contact_name": "Wanjiru Kamau",
}


def sign(client, letter, **fields):
    return client.post(
        reverse("signatories:sign", args=[letter.slug]), sign_form_data(email=ADDRESS, **fields)
    )


def delivered(mailoutbox):
    """Send every owed email, as the worker would, and return the new ones."""
    before = len(mailoutbox)
    for notification in Notification.objects.filter(sent_at=None).order_by("pk"):
        deliver_notification(notification.pk)
    return mailoutbox[before:]


def confirm_path(email):
    return re.search(r"https?://[^/\s]+(/confirm/\S+/)", email.body).group(1)


def test_real_organization_replaces_an_unconfirmed_impostor(client, letter, mailoutbox):
    sign(client, letter, **ATTACKER)
    (impostor_email,) = delivered(mailoutbox)
    sign(client, letter, **REAL)
    (real_email,) = delivered(mailoutbox)
    assert "Real NGO" in real_email.body and "Friends of the Regime" not in real_email.body

    # The link sent for the impostor's values no longer confirms anything.
    stale = client.post(confirm_path(impostor_email))
    assert stale.status_code == 400
    assert Signature.objects.get().status == Signature.Status.UNCONFIRMED

    assert b"Real NGO" in client.get(confirm_path(real_email)).content
    client.post(confirm_path(real_email))
    signature = Signature.objects.get(letter=letter)
    assert signature.status == Signature.Status.CONFIRMED
    assert (signature.organization, signature.country.code, signature.scope) == (
        "Real NGO",
        "KE",
        "national",
    )
    assert signature.contact_name == "Wanjiru Kamau"
    assert signature.submitted["organization"] == "Real NGO"
    assert signature.organization_key == "real ngo"
    assert signature.website_domain == "realngo-example.org"
    assert signature.domain_check == "match"


def test_the_audit_trail_keeps_the_replaced_values(client, letter):
    sign(client, letter, **ATTACKER)
    sign(client, letter, **REAL)
    event = SignatureEvent.objects.get(action=SignatureEvent.Action.RESUBMITTED)
    assert event.details["previous"]["organization"] == "Friends of the Regime"
    assert event.details["previous"]["country"] == "FR"
    assert event.details["previous"]["contact_name"] == "Achieng Otieno"
    assert event.details["previous_status"] == "unconfirmed"


def test_a_withdrawn_signature_can_be_signed_again(client, letter, mailoutbox):
    signature = SignatureFactory(letter=letter, email=ADDRESS, approved=True, **ATTACKER)
    services.signature_withdraw(signature=signature)
    sign(client, letter, **REAL)
    withdrawn_notice, email = delivered(mailoutbox)
    assert "has been withdrawn" in withdrawn_notice.body
    assert "/confirm/" in email.body  # a fresh confirmation, not "you have already signed"
    client.post(confirm_path(email))
    signature.refresh_from_db()
    assert signature.status == Signature.Status.CONFIRMED  # and then review again
    assert signature.organization == "Real NGO"
    assert signature.withdrawn_at is None and signature.decided_at is None


@pytest.mark.parametrize("status", ["confirmed", "approved", "rejected"])
def test_a_confirmed_or_decided_signature_is_not_overwritten(client, letter, mailoutbox, status):
    signature = SignatureFactory(letter=letter, email=ADDRESS, status=status, **ATTACKER)
    sign(client, letter, **REAL)
    (email,) = delivered(mailoutbox)
    assert "already" in email.subject.lower()
    signature.refresh_from_db()
    assert (signature.organization, signature.status) == ("Friends of the Regime", status)


def test_the_page_never_tells_which_case_applied(client, settings, mailoutbox):
    settings.EMAILS_PER_RECIPIENT = 100
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign": ["1000/m"]}
    cases = {"new": None, "unconfirmed": "unconfirmed", "withdrawn": "withdrawn"}
    cases |= {"approved": "approved", "rejected": "rejected", "confirmed": "confirmed"}
    answers = {}
    for case, status in cases.items():
        letter = LetterFactory()
        if status:
            SignatureFactory(letter=letter, email=ADDRESS, status=status, **ATTACKER)
        response = sign(client, letter, **REAL)
        page = client.get(response.url)
        answers[case] = (response.status_code, response.url.replace(letter.slug, "<slug>"))
        content = page.content.decode().replace(letter.title, "<t>").replace(letter.slug, "<s>")
        answers[case] += (content,)
    assert len(set(answers.values())) == 1, answers.keys()
    assert len(delivered(mailoutbox)) == len(cases)  # each case did email the address
