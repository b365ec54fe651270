import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from signatories.models import Notification, Signature
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


def test_search_by_email(moderator_client, letter):
    SignatureFactory(letter=letter, confirmed=True, email="unique@findme.example")
    SignatureFactory(letter=letter, confirmed=True)
    response = moderator_client.get(CHANGELIST, {"q": "findme"})
    assert response.context["cl"].result_count == 1


def post_action(client, action, signatures):
    # Actions apply to the selection within the list as filtered: show every status.
    return client.post(
        f"{CHANGELIST}?status=all",
        {"action": action, "_selected_action": [s.pk for s in signatures]},
        follow=True,
    )


def test_approve_action_approves_confirmed_and_refuses_unconfirmed(
    moderator_client, moderator, letter
):
    confirmed = SignatureFactory(letter=letter, confirmed=True)
    unconfirmed = SignatureFactory(letter=letter)
    response = post_action(moderator_client, "approve_signatures", [confirmed, unconfirmed])
    confirmed.refresh_from_db()
    unconfirmed.refresh_from_db()
    assert confirmed.status == Signature.Status.APPROVED
    assert confirmed.decided_by == moderator
    assert unconfirmed.status == Signature.Status.UNCONFIRMED
    content = response.content.decode()
    assert "1 signature approved." in content
    assert "Cannot approve a signature that is unconfirmed." in content


def test_reject_action_refuses_unconfirmed(moderator_client, letter):
    confirmed = SignatureFactory(letter=letter, confirmed=True)
    unconfirmed = SignatureFactory(letter=letter)
    response = moderator_client.post(
        f"{CHANGELIST}?status=all",
        {
            "action": "reject_signatures",
            "_selected_action": [confirmed.pk, unconfirmed.pk],
            "apply": "1",
            "reason_choice": "0",
        },
        follow=True,
    )
    assert "Cannot reject a signature that is unconfirmed." in response.content.decode()
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == Signature.Status.UNCONFIRMED
    confirmed.refresh_from_db()
    assert confirmed.status == Signature.Status.REJECTED


def test_approval_in_admin_refreshes_the_public_count(
    moderator_client, client, letter, django_capture_on_commit_callbacks
):
    confirmed = SignatureFactory(letter=letter, confirmed=True)
    count_url = reverse("signatories:count", args=[letter.slug])
    assert client.get(count_url).json()["count"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        post_action(moderator_client, "approve_signatures", [confirmed])
    assert client.get(count_url).json()["count"] == 1


def test_moderators_cannot_delete_signatures_nor_touch_letters_or_users(
    moderator_client, signature
):
    assert (
        moderator_client.get(
            reverse("admin:signatories_signature_delete", args=[signature.pk])
        ).status_code
        == 403
    )
    assert moderator_client.get(reverse("admin:letter_letter_changelist")).status_code == 403
    assert moderator_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    response = moderator_client.get(CHANGELIST)
    assert "delete_selected" not in response.content.decode()


def test_staff_without_moderation_permission_gets_no_actions(client, django_user_model, letter):
    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_signature"))
    client.force_login(viewer)
    content = client.get(CHANGELIST).content.decode()
    assert "approve_signatures" not in content


def test_change_form_does_not_let_the_status_be_edited(moderator_client, confirmed_signature):
    url = reverse("admin:signatories_signature_change", args=[confirmed_signature.pk])
    content = moderator_client.get(url).content.decode()
    assert 'name="status"' not in content
    assert 'name="organization"' in content


def test_signature_page_shows_an_email_the_mail_server_refused_for_good(moderator_client, letter):
    signature = SignatureFactory(letter=letter)
    Notification.objects.create(
        signature=signature,
        kind="confirm",
        failed_at=timezone.now(),
        failure="550 5.1.1 <[address removed]>: Recipient unknown",
    )
    response = moderator_client.get(
        reverse("admin:signatories_signature_change", args=[signature.pk])
    )
    page = response.content.decode()
    assert "Emails to the signer" in page
    assert "Confirmation link" in page
    assert "550 5.1.1 &lt;[address removed]&gt;: Recipient unknown" in page
