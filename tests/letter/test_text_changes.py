"""Who may change what on a letter (letter/text_changes.py, letter/admin.py) and the reason a
signed letter's text needs: issue 21, item 3."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from letter.models import LetterTranslation, LetterVersion
from signatories.moderation.coordinators import COORDINATORS_GROUP
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

NEW_TEXT = {"title": "A different letter", "recipient": "Someone else", "body": "New demands."}


@pytest.fixture
def coordinator_client(client):
    user = get_user_model().objects.create_user("coord", password="x-Long-pass-42", is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    client.force_login(user)
    return client


def change_url(letter):
    return reverse("admin:letter_letter_change", args=[letter.pk])


def post_change(client, letter, **changes):
    """POST the letter's change page as the browser would: every field it shows, as shown,
    with `changes`; fields the page does not show are posted too (a forged request)."""
    response = client.get(change_url(letter))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, datetime.datetime):
            data[f"{name}_0"], data[f"{name}_1"] = f"{value:%Y-%m-%d}", f"{value:%H:%M:%S}"
        elif value not in (None, False):
            data[name] = value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({management[f].html_name: management[f].value() for f in management.fields})
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value not in (None, False):
                    data[inline_form.add_prefix(name)] = value
    data.update(changes)
    return client.post(change_url(letter), data)


def test_coordinators_rewriting_a_signed_letter_change_only_its_delivery(
    coordinator_client, letter
):
    SignatureFactory(letter=letter, approved=True)
    original = (letter.title, letter.recipient, letter.body)
    response = post_change(coordinator_client, letter, delivered_on="2024-06-10", **NEW_TEXT)
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.title, letter.recipient, letter.body) == original
    assert letter.delivered_on == datetime.date(2024, 6, 10)
    assert letter.versions.count() == 1


def test_coordinators_rewriting_a_signed_letter_see_the_text_read_only(coordinator_client, letter):
    response = coordinator_client.get(change_url(letter))
    assert list(response.context["adminform"].form.fields) == [
        "delivered_on",
        "asks_role",
        "asks_authority",
    ]
    assert "Reason for changing the text" not in response.content.decode()


def test_coordinators_rewriting_a_signed_letter_nobody_changes_the_text_without_a_reason(
    admin_client, admin_user, letter
):
    SignatureFactory(letter=letter, approved=True)
    response = post_change(admin_client, letter, **NEW_TEXT)
    assert response.status_code == 200
    assert "People have signed this letter" in response.content.decode()
    letter.refresh_from_db()
    assert letter.title != NEW_TEXT["title"]

    response = post_change(admin_client, letter, change_reason="Typo in the demands", **NEW_TEXT)
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.title == NEW_TEXT["title"]
    assert letter.text_version == 2
    version = letter.versions.get(number=2)
    assert (version.title, version.reason, version.changed_by) == (
        NEW_TEXT["title"],
        "Typo in the demands",
        admin_user,
    )
    assert (
        letter.versions.get(number=1).body
        == "First paragraph of the letter.\n\nSecond paragraph of the letter."
    )


def test_coordinators_rewriting_a_signed_letter_translations_need_the_reason_too(
    admin_client, letter
):
    LetterTranslation.objects.create(letter=letter, language="fr", title="Lettre", body="Texte.")
    SignatureFactory(letter=letter, approved=True)
    response = post_change(admin_client, letter, **{"translations-0-body": "Autre texte."})
    assert response.status_code == 200
    assert letter.translations.get().body == "Texte."
    response = post_change(
        admin_client, letter, change_reason="Better French", **{"translations-0-body": "Autre."}
    )
    assert response.status_code == 302
    assert letter.versions.get(number=2).translations == {
        "fr": {"title": "Lettre", "body": "Autre."}
    }


def test_coordinators_rewriting_a_signed_letter_unsigned_letters_change_freely(
    admin_client, letter
):
    response = post_change(admin_client, letter, **NEW_TEXT)
    assert response.status_code == 302
    assert LetterVersion.objects.filter(letter=letter).count() == 2
    # Saving without changing the text records no version.
    post_change(admin_client, letter)
    assert LetterVersion.objects.filter(letter=letter).count() == 2
