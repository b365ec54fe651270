"""Blocked email domains and networks (signatories/abuse/blocklists.py)."""

import pytest

from signatories.models import BlockedEmailDomain, BlockedNetwork, Signature
from tests.signatories.abuse import assert_blocked, sign

pytestmark = pytest.mark.django_db


def test_blocked_email_domain_and_its_subdomains(client, letter, mailoutbox):
    BlockedEmailDomain.objects.create(domain="@Spam-Example.Org")
    sign(client, letter, email="someone@mail.spam-example.org")
    assert_blocked(letter, mailoutbox, "spam-example.org")


def test_blocked_network(client, letter, mailoutbox):
    BlockedNetwork.objects.create(network="203.0.113.0/24")
    sign(client, letter, address="203.0.113.77")
    assert_blocked(letter, mailoutbox, "network")


def test_blocked_signature_repeated_sends_nothing(client, letter, mailoutbox):
    BlockedEmailDomain.objects.create(domain="spam-example.org")
    sign(client, letter, email="x@spam-example.org")
    sign(client, letter, email="x@spam-example.org")
    assert Signature.objects.count() == 1
    assert mailoutbox == []
