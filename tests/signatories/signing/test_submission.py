"""A sign-on stored by one statement (signatories/signing/submission.py): the same rows as
through the ORM for every outcome, and the same work whatever the address has done before."""

import re

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from signatories.mail import outbox
from signatories.models import Notification, Signature, SignatureEvent
from signatories.signing import submission
from tests.factories import LetterFactory, SignatureFactory, sign_form_data

pytestmark = [pytest.mark.services, pytest.mark.django_db]

SKIPPED = {"id", "consented_at", "signature", "letter", "at", "created_at"}
EMAIL = "achieng@centre.example.org"


def submitted(letter, email=EMAIL, block=""):
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
    if block:
        events.append(SignatureEvent(action="blocked", details={"reason": block}))
    return {"signature": signature, "events": events, "block": block}


def stored(letter):
    """Every row the letter's signatures hold, without ids and times."""

    def plain(row):
        return {k: v for k, v in model_to_dict(row).items() if k not in SKIPPED}

    return [
        (
            plain(signature),
            [plain(event) for event in signature.events.order_by("pk")],
            [plain(notification) for notification in signature.notifications.order_by("pk")],
        )
        for signature in Signature.objects.filter(letter=letter).order_by("pk")
    ]


# What an address holds on the letter before it submits again (None: nothing).
THEN = timezone.now()
BEFORE = {
    "new": None,
    "unconfirmed": {},
    "withdrawn": {"status": "withdrawn", "confirmed_at": THEN, "withdrawn_at": THEN},
    "blocked": {"status": "blocked", "blocked_reason": "blocked domain"},
    "confirmed": {"status": "confirmed", "confirmed_at": THEN},
    "approved, counted only": {
        "status": "approved",
        "listing": "unlisted",
        "confirmed_at": THEN,
        "decided_at": THEN,
    },
    "rejected": {"status": "rejected", "rejection_reason": "Unknown", "decided_at": THEN},
}


def _with_history(letter, before):
    if before is not None:
        SignatureFactory(
            letter=letter,
            email=EMAIL.upper(),
            organization="Old",
            website="https://old.example",
            contact_name="Old contact",
            **before,
        )


@pytest.mark.parametrize("block", ["", "filled the hidden field"])
@pytest.mark.parametrize("before", BEFORE)
def test_one_statement_stores_what_the_orm_stores(before, block):
    through_sql, through_orm = LetterFactory(), LetterFactory()
    for letter in (through_sql, through_orm):
        _with_history(letter, BEFORE[before])

    by_sql = submission.submission_store(**submitted(through_sql, block=block))
    by_orm = submission._store_through_the_orm(*submitted(through_orm, block=block).values())

    assert stored(through_sql) == stored(through_orm)
    unlike = ["id", "letter", "consented_at"]
    assert model_to_dict(by_sql, exclude=unlike) == model_to_dict(by_orm, exclude=unlike)
    assert model_to_dict(by_sql) == model_to_dict(Signature.objects.get(pk=by_sql.pk))


def test_past_the_allowance_the_signature_is_stored_without_an_email(letter, settings):
    settings.EMAILS_PER_RECIPIENT = 1
    submission.submission_store(**submitted(letter, email="same@centre.example.org"))
    other_letter = LetterFactory()
    again = submission.submission_store(**submitted(other_letter, email="SAME@centre.example.org"))

    assert again.pk and not again.notifications.exists() and again.events.count() == 1


def test_past_the_allowance_an_unconfirmed_signature_keeps_its_values(letter, settings):
    settings.EMAILS_PER_RECIPIENT = 1
    first = submission.submission_store(**submitted(letter))
    values = submitted(letter)
    values["signature"].organization = "Replaced"
    submission.submission_store(**values)

    first.refresh_from_db()
    assert first.organization == "Centre for Rights" and first.revision == 0
    assert first.notifications.count() == 1


def test_a_replaced_signature_keeps_what_it_held_in_its_trail(letter):
    SignatureFactory(letter=letter, email=EMAIL, organization="Old", status="withdrawn")
    signature = submission.submission_store(**submitted(letter))

    event = signature.events.get(action="resubmitted")
    assert event.details["previous"]["organization"] == "Old"
    assert event.details["previous_status"] == "withdrawn"
    assert signature.revision == 1 and signature.status == Signature.Status.UNCONFIRMED


def test_the_allowance_count_reads_indexes_even_when_the_planner_thinks_the_outbox_empty(letter):
    """At a launch, before autovacuum has analysed the outbox, the planner believes it empty:
    the count must still find the address's signatures, then their emails, by index, and not
    scan every email owed for every sign-on."""
    signature = submission.submission_store(**submitted(letter, email="busy@centre.example.org"))
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


_clients = iter(range(1, 250))


def _new_client():
    """Each POST from a client address of its own, as in the outside test (and within the
    rate limits)."""
    return f"192.0.2.{next(_clients)}"


def _statements_of_a_sign_on_post(client, letter, email):
    """The SQL (without its values) that one sign-on POST for `email` sends to PostgreSQL."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(re.sub(r'"s\d+_x\d+"', "<savepoint>", sql))
        return execute(sql, params, many, context)

    data = sign_form_data(email=email, listing="unlisted")
    with connection.execute_wrapper(record):
        response = client.post(
            reverse("signatories:sign", args=[letter.slug]), data, REMOTE_ADDR=_new_client()
        )
    assert response.status_code == 302
    return statements


def test_sign_on_post_timing_does_not_reveal_whether_an_address_has_signed(client, letter):
    """Issue 21, item 2: an address that has signed (approved, even counted only; unconfirmed;
    withdrawn...) gets its answer from the same statements as one that never has, so the
    answer cannot take longer. Counted as work, not time; bench/signon_timing.py measures
    the time."""
    url = reverse("signatories:sign", args=[letter.slug])
    client.post(url, sign_form_data(), REMOTE_ADDR=_new_client())  # reads the letter once
    never_signed = _statements_of_a_sign_on_post(client, letter, "nobody@elsewhere-example.org")
    assert len(never_signed) == 3  # the statement within the test's savepoint and release
    for n, (state, before) in enumerate(BEFORE.items()):
        email = f"signer{n}@group-example.org"
        if before is not None:
            SignatureFactory(letter=letter, email=email, **before)
        assert _statements_of_a_sign_on_post(client, letter, email) == never_signed, state
