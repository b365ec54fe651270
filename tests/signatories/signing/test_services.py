import datetime

import pytest
from django.utils import timezone

from config import celery_app
from signatories.mail import outbox
from signatories.models import Notification, Signature
from signatories.moderation import moderators, review
from signatories.signing import links, services
from tests.factories import LetterFactory, SignatureFactory

pytestmark = pytest.mark.django_db

FIELDS = {
    "organization": "Centre for Rights",
    "country": "KE",
    "scope": "national",
    "website": "https://centre.example.org",
    "contact_name": "Achieng Otieno",
    "email": "achieng@centre.example.org",
}


def submit(letter, **changes):
    return services.signature_submit(letter=letter, **{**FIELDS, **changes})


def test_submit_stores_an_unconfirmed_signature_and_owes_a_confirmation(
    letter, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # workers run, with their outbox dispatcher
    before = timezone.now()
    with django_capture_on_commit_callbacks() as callbacks:
        signature = submit(letter)
    signature.refresh_from_db()
    assert signature.status == Signature.Status.UNCONFIRMED
    assert before <= signature.consented_at <= timezone.now()  # consent is the submission's
    assert list(signature.notifications.values_list("kind", flat=True)) == ["confirm"]
    assert callbacks == []  # nothing published from the request: the dispatcher hands it over


def test_submit_without_workers_sends_the_confirmation_once_committed(
    letter, django_capture_on_commit_callbacks, settings, mailoutbox, monkeypatch
):
    # The embedded default: no worker, no broker, tasks run in the process. Celery's setting
    # first: it reads Django's live, so set after Django's it would be "restored" to True
    # and every later test's tasks would run in the test process.
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        signature = submit(letter)
        assert mailoutbox == []  # not before the signature is committed
    assert len(callbacks) == 1
    assert [message.to for message in mailoutbox] == [[signature.email]]


def test_second_submission_of_unconfirmed_address_gets_a_fresh_link(letter):
    first = submit(letter)
    again = submit(letter, email="ACHIENG@centre.example.org", organization="Other name")
    assert again.pk == first.pk
    assert Signature.objects.filter(letter=letter).count() == 1
    assert list(first.notifications.values_list("kind", flat=True)) == ["confirm", "confirm"]
    first.refresh_from_db()
    # Unconfirmed, it belongs to whoever proves the address: the new values replace the old.
    assert first.organization == "Other name"


def test_second_submission_of_confirmed_address_gets_a_note(letter):
    signature = SignatureFactory(letter=letter, email=FIELDS["email"], confirmed=True)
    submit(letter)
    assert list(signature.notifications.values_list("kind", flat=True)) == ["already_signed"]
    assert Signature.objects.filter(letter=letter).count() == 1


def test_submit_refuses_a_closed_letter():
    now = timezone.now()
    closed = LetterFactory(
        signing_opens_at=now - datetime.timedelta(days=2),
        signing_closes_at=now - datetime.timedelta(days=1),
    )
    with pytest.raises(services.SigningClosed):
        submit(closed)
    assert not Signature.objects.filter(letter=closed).exists()


def test_confirm_moves_to_review_and_is_harmless_twice(signature):
    confirmed = services.signature_confirm(signature=signature)
    first_time = confirmed.confirmed_at
    assert confirmed.status == Signature.Status.CONFIRMED
    again = services.signature_confirm(signature=signature)
    assert again.status == Signature.Status.CONFIRMED
    assert again.confirmed_at == first_time


def test_confirm_after_approval_changes_nothing(letter):
    signature = SignatureFactory(letter=letter, approved=True)
    assert services.signature_confirm(signature=signature).status == Signature.Status.APPROVED


def test_approve_records_who_and_when(confirmed_signature, moderator):
    approved = review.signature_approve(signature=confirmed_signature, moderator=moderator)
    approved.refresh_from_db()
    assert approved.status == Signature.Status.APPROVED
    assert approved.decided_by == moderator
    assert approved.decided_at is not None


def test_unconfirmed_signature_cannot_be_approved(signature, moderator):
    with pytest.raises(services.IllegalTransition, match="Cannot approve"):
        review.signature_approve(signature=signature, moderator=moderator)
    signature.refresh_from_db()
    assert signature.status == Signature.Status.UNCONFIRMED


@pytest.mark.parametrize("status", ["unconfirmed", "rejected", "withdrawn"])
def test_reject_refuses_illegal_transitions(letter, moderator, status):
    signature = SignatureFactory(letter=letter, status=status)
    with pytest.raises(services.IllegalTransition):
        review.signature_reject(signature=signature, moderator=moderator, reason="Unverified")


def test_rejected_signature_may_be_reconsidered(letter, moderator):
    signature = SignatureFactory(letter=letter, confirmed=True)
    review.signature_reject(signature=signature, moderator=moderator, reason="Unverified")
    assert review.signature_approve(signature=signature, moderator=moderator).status == (
        Signature.Status.APPROVED
    )


def test_withdraw_twice_is_refused(signature):
    services.signature_withdraw(signature=signature)
    with pytest.raises(services.IllegalTransition):
        services.signature_withdraw(signature=signature)


def test_resend_confirmation_only_for_unconfirmed_signatures_on_open_letters(letter):
    unconfirmed = SignatureFactory(letter=letter, email="x@ngo.example")
    SignatureFactory(email="x@ngo.example", confirmed=True)
    assert links.signature_resend_confirmation(email="X@ngo.example") == 1
    assert unconfirmed.notifications.count() == 1
    assert links.signature_resend_confirmation(email="nobody@ngo.example") == 0


def test_deliver_sends_once(signature, mailoutbox):
    notification = Notification.objects.create(signature=signature, kind="confirm")
    assert outbox.notification_deliver(notification_id=notification.pk) is True
    assert outbox.notification_deliver(notification_id=notification.pk) is False
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None


def test_moderator_create_makes_a_staff_member_of_the_group(db):
    user = moderators.moderator_create(username="mod", email="m@x.example", password="pw-Long-42!")
    assert user.is_staff and not user.is_superuser
    assert user.has_perm("signatories.moderate_signature")
    assert user.has_perm("signatories.change_signature")
    assert not user.has_perm("signatories.delete_signature")
    assert not user.has_perm("letter.change_letter")
    assert not user.has_perm("auth.change_user")
