"""The changelist's filters: the queue by status and the possible duplicates
(signatories/admin/filters.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CHANGELIST, SignatureFactory

pytestmark = pytest.mark.django_db


def test_changelist_opens_on_the_queue_oldest_first(moderator_client, letter):
    now = timezone.now()
    newer = SignatureFactory(letter=letter, confirmed=True, confirmed_at=now)
    older = SignatureFactory(
        letter=letter, confirmed=True, confirmed_at=now - datetime.timedelta(hours=3)
    )
    SignatureFactory(letter=letter, organization="Still Unconfirmed Org")
    SignatureFactory(letter=letter, approved=True, organization="Already Approved Org")
    response = moderator_client.get(CHANGELIST)
    rows = list(response.context["cl"].result_list)
    assert rows == [older, newer]
    content = response.content.decode()
    assert older.email_domain in content
    assert "Still Unconfirmed Org" not in content


def test_status_filter_can_show_everything(moderator_client, letter):
    SignatureFactory(letter=letter, approved=True)
    SignatureFactory(letter=letter)
    response = moderator_client.get(CHANGELIST, {"status": "all"})
    assert response.context["cl"].result_count == 2


def change_url(signature):
    return reverse("admin:signatories_signature_change", args=[signature.pk])


def queue(client, **params):
    return list(client.get(CHANGELIST, params).context["cl"].result_list)


def test_queue_shows_domain_and_duplicate_hints(moderator_client, letter):
    SignatureFactory(letter=letter, approved=True, organization="Amnesty Kenya")
    impostor = SignatureFactory(
        letter=letter,
        confirmed=True,
        organization="amnesty  kenya.",
        email="amnesty.kenya@gmail.com",
        website="https://amnesty.example",
    )
    content = moderator_client.get(CHANGELIST).content.decode()
    assert "Webmail address" in content
    assert "same name" in content
    assert queue(moderator_client, duplicate="same_name") == [impostor]
    assert queue(moderator_client, domain_check="webmail") == [impostor]
    assert queue(moderator_client, domain_check="match") == []


def test_duplicate_filters_by_email_domain_and_website(moderator_client, letter):
    first = SignatureFactory(letter=letter, email="a@ngo.org", website="https://ngo.org")
    second = SignatureFactory(
        letter=letter,
        confirmed=True,
        organization="Another Name",
        email="b@ngo.org",
        website="http://www.ngo.org/en",
    )
    SignatureFactory(letter=letter, confirmed=True, email="x@gmail.com", website="")
    SignatureFactory(letter=letter, confirmed=True, email="y@gmail.com", website="")
    assert queue(moderator_client, duplicate="same_email_domain") == [second]
    assert queue(moderator_client, duplicate="same_website") == [second]
    assert queue(moderator_client, duplicate="any") == [second]
    assert change_url(first) in moderator_client.get(change_url(second)).content.decode()


def test_shared_domain_hint_compares_registrable_domains(moderator_client, letter):
    SignatureFactory(letter=letter, email="a@mail.ngo.org", website="https://shop.ngo.org")
    SignatureFactory(letter=letter, email="a@bbc.co.uk", website="https://www.bbc.co.uk")
    second = SignatureFactory(
        letter=letter, confirmed=True, email="b@ngo.org", website="https://www.ngo.org"
    )
    SignatureFactory(letter=letter, confirmed=True, email="c@itv.co.uk", website="https://co.uk")
    assert queue(moderator_client, duplicate="same_email_domain") == [second]
    assert queue(moderator_client, duplicate="same_website") == [second]


def test_duplicates_on_other_letters_are_not_hinted(moderator_client, letter):
    SignatureFactory(organization="Amnesty Kenya")  # another letter
    SignatureFactory(letter=letter, confirmed=True, organization="Amnesty Kenya")
    assert queue(moderator_client, duplicate="any") == []
