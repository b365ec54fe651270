"""Tests of signatories/abuse/: most post the sign-on form from a chosen client address."""

from django.urls import reverse

from signatories.models import Signature
from signatories.public.counts import approved_count
from tests.factories import sign_form_data


def sign(client, letter, address="198.51.100.7", **data):
    return client.post(
        reverse("signatories:sign", args=[letter.slug]),
        sign_form_data(**data),
        REMOTE_ADDR=address,
    )


def assert_blocked(letter, mailoutbox, reason_part):
    signature = Signature.objects.get(letter=letter)
    assert signature.status == Signature.Status.BLOCKED
    assert reason_part in signature.blocked_reason
    assert not signature.notifications.exists()
    assert mailoutbox == []
    assert approved_count(letter) == 0
    assert signature not in Signature.objects.awaiting_review()
