"""A sign-on's rows stored by one statement (signatories/submission.py): the same rows the ORM
would store, the email only within the address's allowance, nothing at all for an address that
has signed already."""

import pytest
from django.db import IntegrityError, connection
from django.forms.models import model_to_dict
from django.utils import timezone

from signatories.mail import outbox
from signatories.models import Notification, Signature, SignatureEvent
from signatories.signing import submission
from tests.factories import LetterFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db]

SKIPPED = {"id", "consented_at", "signature", "at", "created_at"}


def new_rows(letter, email, block=""):
    signature = Signature(
        letter=letter,
        organization="Centre for Rights",
        country="KE",
        scope="national",
        website="https://centre.example.org",
        contact_name="Achieng",
        email=email,
        consented_at=timezone.now(),
        language="fr",
        wants_updates=True,
        submitted={"organization": "Centre for Rights", "country": "KE"},
        client_hash="abc",
        status=Signature.Status.BLOCKED if block else Signature.Status.UNCONFIRMED,
        blocked_reason=block,
    )
    signature.derive_fields()
    events = [SignatureEvent(action=SignatureEvent.Action.SUBMITTED, details={"n": [1, "é"]})]
    return signature, events, None if block else Notification(kind=Notification.Kind.CONFIRM)


def stored(signature):
    signature = Signature.objects.get(pk=signature.pk)
    return (
        {k: v for k, v in model_to_dict(signature).items() if k not in SKIPPED},
        [
            {k: v for k, v in model_to_dict(e).items() if k not in SKIPPED}
            for e in signature.events.all()
        ],
        [
            {k: v for k, v in model_to_dict(n).items() if k not in SKIPPED}
            for n in signature.notifications.all()
        ],
    )


def test_one_statement_stores_what_the_orm_stores(letter):
    signature, events, notification = new_rows(letter, "one@centre.example.org")
    submission.signature_insert(signature=signature, events=events, notification=notification)
    through_orm = new_rows(letter, "two@centre.example.org")
    submission._insert_through_the_orm(*through_orm)

    fast, slow = stored(signature), stored(through_orm[0])
    assert fast[0] == {**slow[0], "email": "one@centre.example.org"}
    assert fast[1:] == slow[1:]
    assert len(fast[1]) == 1 and len(fast[2]) == 1
    assert signature.pk and events[0].signature == signature and notification.pk
    row = Signature.objects.get(pk=signature.pk)
    assert row.consented_at == signature.consented_at
    assert row.events.get().at is not None and row.notifications.get().created_at is not None


def test_past_the_allowance_the_signature_is_stored_without_an_email(letter, settings):
    settings.EMAILS_PER_RECIPIENT = 1
    first = new_rows(letter, "same@centre.example.org")
    submission.signature_insert(signature=first[0], events=first[1], notification=first[2])
    other_letter = LetterFactory()
    again = new_rows(other_letter, "SAME@centre.example.org")
    submission.signature_insert(signature=again[0], events=again[1], notification=again[2])

    assert again[0].pk and again[2].pk is None
    assert stored(again[0])[2] == [] and len(stored(again[0])[1]) == 1


def test_an_address_that_signed_already_stores_nothing(letter):
    first = new_rows(letter, "twice@centre.example.org")
    submission.signature_insert(signature=first[0], events=first[1], notification=first[2])
    again = new_rows(letter, "Twice@Centre.example.org")
    with pytest.raises(IntegrityError):
        submission.signature_insert(signature=again[0], events=again[1], notification=again[2])
    assert Signature.objects.count() == 1
    assert SignatureEvent.objects.count() == 1 and Notification.objects.count() == 1


def test_the_allowance_count_reads_indexes_even_when_the_planner_thinks_the_outbox_empty(letter):
    """At a launch, before autovacuum has analysed the outbox, the planner believes it empty:
    the count must still find the address's signatures, then their emails, by index, and not
    scan every email owed for every sign-on."""
    signature, events, notification = new_rows(letter, "busy@centre.example.org")
    submission.signature_insert(signature=signature, events=events, notification=notification)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM signatories_notification")
        cursor.execute("ANALYZE signatories_notification")
    Notification.objects.bulk_create(
        Notification(signature=signature, kind=Notification.Kind.APPROVED) for _ in range(3000)
    )
    sql, params = outbox.allowance_count_sql("someone.else@ngo.example")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan on signatories_notification" not in plan, plan
