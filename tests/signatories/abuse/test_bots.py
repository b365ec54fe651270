"""The honeypot and the minimum time to fill the form (signatories/abuse/bots.py)."""

import pytest

from signatories.models import Signature
from tests.signatories.abuse import assert_blocked, sign

pytestmark = pytest.mark.django_db


def test_honeypot_is_stored_blocked_and_never_emailed(client, letter, mailoutbox):
    response = sign(client, letter, homepage="https://spam.example")
    assert response.status_code == 302  # the bot learns nothing
    assert_blocked(letter, mailoutbox, "hidden field")


def test_too_fast_a_form_asks_to_submit_again_keeping_everything(client, letter, settings):
    settings.SIGNING_MIN_FILL_SECONDS = 60
    response = sign(client, letter, organization="Quick Org")
    content = response.content.decode()
    assert response.status_code == 200
    assert "press “Sign the letter” again" in content
    assert 'value="Quick Org"' in content
    assert not Signature.objects.exists()


def test_forged_start_time_is_refused(client, letter):
    response = sign(client, letter, started="sign:forged:token")
    assert response.status_code == 200
    assert not Signature.objects.exists()
