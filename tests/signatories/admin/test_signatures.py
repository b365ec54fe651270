"""The moderators' workbench (signatories/admin/signatures.py): the queue, its actions,
reasons, corrections, the audit trail, signatures entered by hand, and delivery exports."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from signatories.models import (
    Notification,
    Signature,
)
from signatories.moderation import review
from signatories.signing import services
from tests.factories import CHANGELIST, SignatureFactory, bulk_signatures

pytestmark = pytest.mark.django_db


def test_search_by_email(moderator_client, letter):
    SignatureFactory(letter=letter, confirmed=True, email="unique@findme-example.org")
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


def change_url(signature):
    return reverse("admin:signatories_signature_change", args=[signature.pk])


def test_signature_page_links_to_the_possible_duplicates(moderator_client, letter):
    original = SignatureFactory(letter=letter, approved=True, organization="Amnesty Kenya")
    suspect = SignatureFactory(letter=letter, confirmed=True, organization="The Amnesty Kenya")
    content = moderator_client.get(change_url(suspect)).content.decode()
    assert change_url(original) in content
    assert "same name" in content


@pytest.mark.parametrize("rows", [10, 1000])
def test_queue_makes_a_fixed_number_of_queries(
    moderator_client, letter, django_assert_num_queries, rows
):
    bulk_signatures(letter, rows, status=Signature.Status.CONFIRMED)
    moderator_client.get(CHANGELIST)  # warm the session and permissions caches
    with django_assert_num_queries(QUEUE_QUERIES):
        response = moderator_client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == min(rows, 100)


# Session, user, the user's and the group's permissions, whether several letters await review
# (one does here, so no letter filter), the list's count, its full count, its rows, the
# countries present, the partners (for their filter and column), the queue summary and the
# questions with choices the answer filter offers: as many for 10 rows as 1,000.
QUEUE_QUERIES = 12


def reject(client, signatures, **form):
    return client.post(
        f"{CHANGELIST}?status=all",
        {
            "action": "reject_signatures",
            "_selected_action": [s.pk for s in signatures],
            **form,
        },
        follow=True,
    )


def test_reject_asks_for_a_reason_first(moderator_client, letter):
    signatures = SignatureFactory.create_batch(2, letter=letter, confirmed=True)
    response = reject(moderator_client, signatures)
    content = response.content.decode()
    assert "Reject 2 signatures" in content
    assert "We could not verify that you represent this organization." in content
    assert all(s.organization in content for s in signatures)
    assert Signature.objects.filter(status="rejected").count() == 0


def test_reject_with_a_chosen_reason_applies_to_all_selected(moderator_client, moderator, letter):
    signatures = SignatureFactory.create_batch(2, letter=letter, confirmed=True)
    response = reject(moderator_client, signatures, apply="1", reason_choice="1")
    assert "2 signatures rejected." in response.content.decode()
    for signature in signatures:
        signature.refresh_from_db()
        assert signature.status == Signature.Status.REJECTED
        assert signature.rejection_reason == "This organization has already signed the letter."
        event = signature.events.get(action="rejected")
        assert event.actor == moderator
        assert event.details == {"reason": signature.rejection_reason}


def test_reject_with_a_written_reason(moderator_client, letter):
    signature = SignatureFactory(letter=letter, confirmed=True)
    reject(moderator_client, [signature], apply="1", reason_choice="other", reason_text="Spam.")
    signature.refresh_from_db()
    assert signature.rejection_reason == "Spam."


def test_other_reason_must_be_written(moderator_client, letter):
    signature = SignatureFactory(letter=letter, confirmed=True)
    response = reject(moderator_client, [signature], apply="1", reason_choice="other")
    assert "Write the reason" in response.content.decode()
    signature.refresh_from_db()
    assert signature.status == Signature.Status.CONFIRMED


def test_correction_keeps_what_was_submitted(moderator_client, moderator, letter):
    signature = SignatureFactory(
        letter=letter,
        confirmed=True,
        organization="amnesty intl kenya",
        submitted={
            "organization": "amnesty intl kenya",
            "country": "KE",
            "scope": "national",
            "website": "https://amnesty-example.org",
        },
        website="https://amnesty-example.org",
    )
    response = moderator_client.post(
        change_url(signature),
        {
            "organization": "Amnesty International Kenya",
            "country": "KE",
            "scope": "national",
            "website": "amnesty.or.ke",
            "listing": "named",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "notifications-TOTAL_FORMS": "0",
            "notifications-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    signature.refresh_from_db()
    assert signature.organization == "Amnesty International Kenya"
    assert signature.website == "https://amnesty.or.ke"
    assert signature.submitted["organization"] == "amnesty intl kenya"
    event = signature.events.get(action="corrected")
    assert event.actor == moderator
    assert event.details["changes"]["organization"] == [
        "amnesty intl kenya",
        "Amnesty International Kenya",
    ]
    page = moderator_client.get(change_url(signature)).content.decode()
    assert "amnesty intl kenya" in page and "Amnesty International Kenya" in page


def test_audit_trail_shows_every_step_with_who_and_when(moderator_client, moderator, letter):

    signature = services.signature_submit(
        letter=letter,
        organization="Centre for Rights",
        country="KE",
        scope="national",
        website="",
        contact_name="A",
        email="a@centre-example.org",
    )
    services.signature_confirm(signature=signature)
    review.signature_approve(signature=signature, moderator=moderator)
    services.signature_withdraw(signature=signature)
    actions = list(signature.events.values_list("action", flat=True))
    assert actions == ["submitted", "confirmed", "approved", "withdrawn"]
    page = moderator_client.get(change_url(signature)).content.decode()
    assert "Audit trail" in page
    assert "moderator" in page
    for label in ["Submitted", "Confirmed", "Approved", "Withdrawn"]:
        assert label in page


def test_queue_at_a_glance_on_index_and_queue(moderator_client, letter):
    SignatureFactory(
        letter=letter, confirmed=True, confirmed_at=timezone.now() - datetime.timedelta(days=2)
    )
    SignatureFactory(letter=letter, confirmed=True)
    for url in [reverse("admin:index"), CHANGELIST]:
        content = moderator_client.get(url).content.decode()
        assert "2 signatures await review" in content
        assert "the oldest has waited 2\xa0days" in content


def test_moderator_adds_a_paper_signature_as_approved(
    moderator_client, moderator, letter, mailoutbox, django_capture_on_commit_callbacks
):
    add_url = reverse("admin:signatories_signature_add")
    assert moderator_client.get(add_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            add_url,
            {
                "letter": letter.pk,
                "organization": "Paper Signers Union",
                "country": "SN",
                "scope": "local",
                "website": "",
                "listing": "named",
                "contact_name": "",
                "email": "",
                "agreed": "on",
            },
        )
    assert response.status_code == 302
    signature = Signature.objects.get(organization="Paper Signers Union")
    assert signature.status == Signature.Status.APPROVED
    assert signature.added_by_moderator
    assert signature.decided_by == moderator
    assert list(signature.events.values_list("action", flat=True)) == ["added"]
    assert mailoutbox == []
    count = moderator_client.get(reverse("signatories:count", args=[letter.slug])).json()
    assert count["count"] == 1


def test_adding_an_address_that_already_signed_is_refused_clearly(moderator_client, letter):
    SignatureFactory(letter=letter, email="info@ngo-example.org")
    response = moderator_client.post(
        reverse("admin:signatories_signature_add"),
        {
            "letter": letter.pk,
            "organization": "Again",
            "country": "SN",
            "scope": "local",
            "email": "INFO@ngo-example.org",
            "listing": "named",
            "agreed": "on",
        },
    )
    assert response.status_code == 200
    assert "This email has already signed this letter." in response.content.decode()


def test_export_actions_download_the_approved_among_selected(moderator_client, letter):
    approved = SignatureFactory(letter=letter, approved=True, organization="Listed Org")
    pending = SignatureFactory(letter=letter, confirmed=True, organization="Pending Org")
    response = moderator_client.post(
        f"{CHANGELIST}?status=all",
        {"action": "export_csv", "_selected_action": [approved.pk, pending.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert "Listed Org" in body and "Pending Org" not in body
    response = moderator_client.post(
        f"{CHANGELIST}?status=all",
        {"action": "export_json", "_selected_action": [approved.pk]},
    )
    assert response.json()["named"] == 1
