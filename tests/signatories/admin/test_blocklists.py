"""Moderators keep the block lists in the admin (signatories/admin/blocklists.py)."""

import pytest
from django.urls import reverse

from signatories.models import (
    BlockedNetwork,
    Signature,
)
from tests.signatories.abuse import sign

pytestmark = pytest.mark.django_db


def test_moderators_manage_the_block_lists(moderator_client):
    url = reverse("admin:signatories_blockednetwork_add")
    response = moderator_client.post(url, {"network": "198.51.100.0/24", "note": "bot farm"})
    assert response.status_code == 302
    assert BlockedNetwork.objects.get().network == "198.51.100.0/24"
    response = moderator_client.post(url, {"network": "not a network", "note": ""})
    assert "Enter an IP address or network." in response.content.decode()


def test_a_block_added_in_the_admin_applies_at_once(moderator_client, client, letter, mailoutbox):
    sign(client, letter, email="first@spam-example.org")  # the lists are now remembered
    moderator_client.post(
        reverse("admin:signatories_blockedemaildomain_add"), {"domain": "spam-example.org"}
    )
    sign(client, letter, email="second@spam-example.org")
    second = Signature.objects.get(email="second@spam-example.org")
    assert second.status == Signature.Status.BLOCKED
