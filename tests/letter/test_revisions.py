"""The versions of a letter's text (letter/revisions.py) and the version each signature
agrees to: issue 21, item 3."""

import pytest
from django.urls import reverse

from letter.revisions import ReasonRequired, letter_version_record
from signatories.models import Signature
from signatories.public import export
from tests.factories import SignatureFactory, sign_form_data

pytestmark = pytest.mark.django_db


def revise(letter, reason, **text):
    for field, value in text.items():
        setattr(letter, field, value)
    letter.save()
    return letter_version_record(letter=letter, reason=reason)


def test_signed_text_versions_a_new_letter_is_version_one(letter):
    (version,) = letter.versions.all()
    assert (version.number, version.title, version.body) == (1, letter.title, letter.body)


def test_signed_text_versions_refuse_a_change_without_a_reason(letter):
    SignatureFactory(letter=letter)
    with pytest.raises(ReasonRequired):
        revise(letter, "", body="Rewritten.")
    assert revise(letter, "Agreed by the coalition", body="Rewritten.").number == 2


def test_signed_text_versions_each_signature_records_the_version_it_agreed_to(
    client, letter, django_capture_on_commit_callbacks
):
    sign_url = reverse("signatories:sign", args=[letter.slug])
    client.post(sign_url, sign_form_data(email="first@ngo.example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        revise(letter, "New demand added", body="Rewritten.")
    client.post(sign_url, sign_form_data(email="second@ngo.example.org"))
    versions = dict(Signature.objects.values_list("email", "text_version"))
    assert versions == {"first@ngo.example.org": 1, "second@ngo.example.org": 2}


def test_signed_text_versions_review_page_and_export_show_it(moderator_client, letter):
    signature = SignatureFactory(letter=letter, approved=True)
    revise(letter, "Recipient changed office", recipient="The new High Commissioner")
    page = moderator_client.get(
        reverse("admin:signatories_signature_review", args=[signature.pk])
    ).content.decode()
    assert "Version 1 (recorded" in page
    assert "changed since: version 2" in page
    assert "Recipient changed office" in page
    (row,) = export.export_rows(Signature.objects.all())
    assert row["text_version"] == 1
