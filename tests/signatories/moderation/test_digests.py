"""The moderators' digest: who is told, when, at most how often, and what it says."""

import datetime
from smtplib import SMTPRecipientsRefused, SMTPServerDisconnected

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone

from signatories import tasks
from signatories.mail.outbox import DeliveryDeferred
from signatories.models import ModeratorDigest
from signatories.moderation import digests
from signatories.moderation.moderators import MODERATORS_GROUP
from tests.factories import LetterFactory, SignatureFactory

pytestmark = pytest.mark.django_db

HOURS = datetime.timedelta(hours=1)


def waiting_since(letter, hours, **fields):
    return SignatureFactory(
        letter=letter, confirmed=True, confirmed_at=timezone.now() - hours * HOURS, **fields
    )


def send_digests():
    """What beat runs, with the deliveries run in place."""
    for digest_id in digests.moderator_digests_owe():
        digests.moderator_digest_deliver(digest_id=digest_id)


def test_settings_default_to_a_day():
    assert django_settings.MODERATION_DIGEST_AFTER_HOURS == 24
    assert django_settings.MODERATION_DIGEST_INTERVAL_HOURS == 24
    schedule = django_settings.CELERY_BEAT_SCHEDULE["send-moderation-digests"]
    assert schedule["task"] == tasks.send_moderation_digests.name


def test_nothing_is_sent_before_a_signature_waited_long_enough(moderator, letter, mailoutbox):
    waiting_since(letter, 23)
    send_digests()
    assert mailoutbox == []


def test_a_moderator_is_told_once_per_interval(moderator, letter, mailoutbox):
    waiting_since(letter, 25)
    send_digests()
    send_digests()
    assert [m.to for m in mailoutbox] == [[moderator.email]]


def test_after_hours_setting_decides_what_waited_too_long(settings, moderator, letter, mailoutbox):
    settings.MODERATION_DIGEST_AFTER_HOURS = 2
    waiting_since(letter, 3)
    send_digests()
    assert len(mailoutbox) == 1


def sent_ago(delta):
    """Move the digests stored so far back in time, as if sent `delta` ago."""
    then = timezone.now() - delta
    ModeratorDigest.objects.update(created_at=then, period_start=digests.period_start(then))


def test_a_new_digest_once_the_interval_has_passed(settings, moderator, letter, mailoutbox):
    settings.MODERATION_DIGEST_INTERVAL_HOURS = 6
    waiting_since(letter, 30)
    send_digests()
    sent_ago(5 * HOURS)
    send_digests()
    assert len(mailoutbox) == 1
    sent_ago(7 * HOURS)
    send_digests()
    assert len(mailoutbox) == 2


def test_periods_follow_the_interval(settings):
    settings.MODERATION_DIGEST_INTERVAL_HOURS = 6
    at = datetime.datetime(2025, 3, 4, 13, 20, tzinfo=datetime.UTC)
    assert digests.period_start(at) == datetime.datetime(2025, 3, 4, 12, tzinfo=datetime.UTC)
    assert digests.period_start(at + 5 * HOURS) == at.replace(hour=18, minute=0)


def test_the_database_refuses_a_second_digest_for_a_period(moderator):
    period = digests.period_start(timezone.now())
    ModeratorDigest.objects.create(moderator=moderator, period_start=period)
    with pytest.raises(IntegrityError), transaction.atomic():
        ModeratorDigest.objects.create(moderator=moderator, period_start=period)


def test_who_is_told(django_user_model, moderator, letter, mailoutbox):
    group = Group.objects.get(name=MODERATORS_GROUP)

    def user(name, email="", groups=(), **flags):
        made = django_user_model.objects.create_user(name, email=email, **flags)
        made.groups.set(groups)
        return made

    user("no-email", is_staff=True, groups=[group])
    user("inactive", "inactive@example.org", is_staff=True, is_active=False, groups=[group])
    user("not-staff", "member@example.org", groups=[group])
    user("staff-only", "staff@example.org", is_staff=True)
    user("super", "super@example.org", is_staff=True, is_superuser=True)
    waiting_since(letter, 30)
    send_digests()
    assert sorted(m.to[0] for m in mailoutbox) == [moderator.email, "super@example.org"]


def test_the_digest_counts_per_letter_without_contact_data(moderator, mailoutbox):
    first = LetterFactory(title="Letter on water")
    second = LetterFactory(title="Letter on land")
    signatures = [
        waiting_since(first, 50, organization="Secret Org", contact_name="Ana Secreta"),
        waiting_since(first, 30),
        waiting_since(first, 1),
        waiting_since(second, 2),
    ]
    send_digests()
    (message,) = mailoutbox
    text = message.body
    html = message.alternatives[0][0]
    assert "4 signatures are waiting for review" in text
    assert "2 of them have waited more than 24 hours" in text
    assert "The oldest has waited 2\xa0days" in text
    assert "Letter on water: 3 waiting, 2 for more than 24 hours" in text
    assert "Letter on land: 1 waiting, 0 for more than 24 hours" in text
    assert "http://127.0.0.1:8000/admin/signatories/signature/" in text
    for signature in signatures:
        for private in (signature.organization, signature.email, signature.contact_name):
            assert private not in text
            assert private not in html
            assert private not in message.subject
    assert message.subject == "2 signatures have waited for review more than 24 hours"


def test_the_queue_link_follows_site_and_admin_urls(settings, moderator, letter, mailoutbox):
    settings.SITE_URL = "https://sign.example.net"
    waiting_since(letter, 30)
    send_digests()
    assert "https://sign.example.net/admin/signatories/signature/" in mailoutbox[0].body


def test_a_temporary_failure_is_retried_and_a_refusal_recorded(
    moderator, letter, monkeypatch, mailoutbox
):
    waiting_since(letter, 30)
    (digest_id,) = digests.moderator_digests_owe()

    def down(*args, **kwargs):
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", down)
    with pytest.raises(DeliveryDeferred):
        digests.moderator_digest_deliver(digest_id=digest_id)
    assert ModeratorDigest.objects.get().sent_at is None

    def refused(*args, **kwargs):
        raise SMTPRecipientsRefused({moderator.email: (550, b"5.1.1 <x>: no such user")})

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refused)
    assert digests.moderator_digest_deliver(digest_id=digest_id) is False
    digest = ModeratorDigest.objects.get()
    assert digest.failed_at is not None
    assert moderator.email not in digest.failure
    assert digests.moderator_digests_requeue() == []


def test_an_unsent_digest_is_requeued(settings, moderator, letter):
    waiting_since(letter, 30)
    (digest_id,) = digests.moderator_digests_owe()
    assert digests.moderator_digests_requeue() == []
    ModeratorDigest.objects.update(created_at=timezone.now() - 1 * HOURS)
    assert digests.moderator_digests_requeue() == [digest_id]
    assert digests.moderator_digests_requeue() == []  # handed over just now
