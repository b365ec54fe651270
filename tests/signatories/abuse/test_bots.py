"""The honeypot and the minimum time to fill the form (signatories/abuse/bots.py)."""

import re
import time

import pytest

from signatories.abuse.bots import form_started_token
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


def _started_before(monkeypatch, seconds):
    """A token of a form shown `seconds` ago (its signature is timestamped as well)."""
    then = time.time() - seconds
    with monkeypatch.context() as patched:
        patched.setattr(time, "time", lambda: then)
        return form_started_token()


def test_started_token_serves_one_signature_only(client, letter):
    """Issue 21, item 13: one token, fetched once, served a bot's 600+ POSTs."""
    started = form_started_token()
    first = sign(client, letter, started=started, email="one@ngo-example.org")
    again = sign(client, letter, started=started, email="two@ngo-example.org")
    assert first.status_code == 302
    assert again.status_code == 200
    assert "press “Sign the letter” again" in again.content.decode()
    assert list(Signature.objects.values_list("email", flat=True)) == ["one@ngo-example.org"]
    # The page sent back carries a fresh token, with which the person's next press signs.
    fresh = re.search(r'name="started" value="([^"]+)"', again.content.decode()).group(1)
    assert sign(client, letter, started=fresh, email="two@ngo-example.org").status_code == 302


def test_started_token_is_not_spent_by_a_form_sent_back_with_errors(client, letter):
    started = form_started_token()
    assert sign(client, letter, started=started, email="not an address").status_code == 200
    assert sign(client, letter, started=started).status_code == 302


def test_started_token_expires_after_the_forms_window(client, letter, settings, monkeypatch):
    settings.SIGNING_FORM_MAX_AGE = 3600
    response = sign(client, letter, started=_started_before(monkeypatch, 3601))
    assert response.status_code == 200
    assert not Signature.objects.exists()
    assert sign(client, letter, started=_started_before(monkeypatch, 3500)).status_code == 302
