import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from signatories.mail import outbox
from signatories.models import Notification, Signature, SignatureImport
from signatories.signing import retention
from tests.factories import LetterFactory, SignatureFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def test_contact_data_of_long_closed_letters_is_erased_keeping_public_fields(settings):
    settings.CONTACT_DATA_RETENTION_DAYS = 90
    old = LetterFactory(signing_opens_at=NOW - 400 * DAY, signing_closes_at=NOW - 100 * DAY)
    recent = LetterFactory(signing_opens_at=NOW - 400 * DAY, signing_closes_at=NOW - 10 * DAY)
    erased = SignatureFactory(
        letter=old, approved=True, organization="Kept Name", client_hash="h", contact_role="Chair"
    )
    kept = SignatureFactory(letter=recent, approved=True)
    call_command("purge_contact_data", stdout=io.StringIO())
    erased.refresh_from_db()
    kept.refresh_from_db()
    assert (erased.contact_name, erased.email, erased.client_hash) == ("", "", "")
    assert erased.contact_role == ""  # the contact's role is contact data too
    assert erased.organization == "Kept Name" and erased.status == Signature.Status.APPROVED
    assert "purged" in erased.events.values_list("action", flat=True)
    assert kept.email != ""


def test_old_unconfirmed_signatures_are_deleted(letter, settings):
    settings.UNCONFIRMED_SIGNATURE_MAX_AGE_DAYS = 30
    stale = SignatureFactory(letter=letter)
    Signature.objects.filter(pk=stale.pk).update(created_at=NOW - 31 * DAY)
    fresh = SignatureFactory(letter=letter)
    confirmed_long_ago = SignatureFactory(letter=letter, confirmed=True)
    Signature.objects.filter(pk=confirmed_long_ago.pk).update(created_at=NOW - 300 * DAY)
    assert retention.contact_data_purge() == (0, 1)
    assert set(Signature.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed_long_ago.pk}


def test_owed_emails_are_handed_over_at_once_and_again_only_after_a_wait(signature, settings):
    settings.NOTIFICATION_RESEND_AFTER_SECONDS = 180
    owed = Notification.objects.create(signature=signature, kind="confirm")
    sent = Notification.objects.create(signature=signature, kind="confirm", sent_at=NOW)
    refused = Notification.objects.create(signature=signature, kind="confirm", failed_at=NOW)
    assert claim() == [owed.pk]  # new: handed at once
    assert claim() == []  # not again until another wait
    Notification.objects.filter(pk__in=[owed.pk, sent.pk, refused.pk]).update(
        requeued_at=NOW - datetime.timedelta(minutes=10)
    )
    assert claim() == [owed.pk]  # handed long ago and still owed
    assert claim() == []


def test_the_periodic_resend_of_digests_hands_only_what_waited(signature, settings):
    """Without `new_ones` (the moderators' digests, owed and handed by beat), an email is
    claimed only once it has waited NOTIFICATION_RESEND_AFTER_SECONDS."""
    settings.NOTIFICATION_RESEND_AFTER_SECONDS = 180
    fresh = Notification.objects.create(signature=signature, kind="confirm")
    old = Notification.objects.create(signature=signature, kind="confirm")
    Notification.objects.filter(pk=old.pk).update(created_at=NOW - datetime.timedelta(minutes=10))
    assert claim(new_ones=False) == [old.pk]
    assert fresh.pk not in claim(new_ones=False)


def claim(new_ones=True):
    return outbox.owed_emails_claim(
        owed_emails=Notification.objects.all(), limit=10, new_ones=new_ones
    )


def test_beat_schedules_the_purge_the_digest_and_the_update_emails(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks == {
        "signatories.tasks.purge_contact_data",
        "signatories.tasks.send_moderation_digests",
        "signatories.tasks.dispatch_update_emails",
    }


def test_an_import_previewed_and_never_imported_is_deleted_after_a_day(letter):
    """The rows of a file read for a preview hold contact data; once imported they live in
    the signatures only, and a preview nobody confirmed goes after a day."""
    old = SignatureImport.objects.create(letter=letter, file_name="old.csv", mode="historical")
    SignatureImport.objects.filter(pk=old.pk).update(created_at=NOW - 2 * DAY)
    recent = SignatureImport.objects.create(letter=letter, file_name="new.csv", mode="historical")
    imported = SignatureImport.objects.create(
        letter=letter, file_name="done.csv", mode="historical", imported_at=NOW - 5 * DAY
    )
    SignatureImport.objects.filter(pk=imported.pk).update(created_at=NOW - 5 * DAY)
    call_command("purge_contact_data", stdout=io.StringIO())
    assert set(SignatureImport.objects.values_list("pk", flat=True)) == {recent.pk, imported.pk}
