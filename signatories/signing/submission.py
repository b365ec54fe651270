"""A sign-on stored: the busiest write on the site, and one whose answer must not tell who has
signed. On PostgreSQL one SQL statement (submission_sql.py) decides and stores every outcome
(a new signature; new values over an unconfirmed or withdrawn one; a note to an address that
has signed), so the request does the same work whatever the address. Elsewhere (SQLite, the
embedded default) the same rows are stored through the ORM."""

import weakref
from contextlib import nullcontext

from django.db import IntegrityError, connection, transaction

from signatories.audit import event_logged, event_record
from signatories.mail import outbox
from signatories.models import Notification, Signature, SignatureEvent
from signatories.signing.submission_sql import (
    KEPT,
    KEPT_FIELDS,
    NEW,
    REPLACEABLE,
    REPLACED,
    REPLACED_FIELDS,
    prepared_statement,
    signature_columns,
    submission_statement,
)


def submission_store(
    *, signature: Signature, events: list[SignatureEvent], block: str
) -> Signature:
    """Store the submission `signature` (unsaved, its hints derived) with `events`: a new
    signature with them and, unless blocked and within the address's allowance, the
    confirmation email owed. If the address has signed this letter, the signature it holds,
    locked, then gets the new values and a new link if unconfirmed or withdrawn, or a note
    that it has signed if confirmed or decided (nothing if the submission is blocked).
    Returns the signature the address now holds on the letter, its `submission_outcome` NEW,
    REPLACED (the values given replaced its own) or KEPT."""
    if connection.vendor != "postgresql":
        return _store_through_the_orm(signature, events, block)
    sql, params = submission_statement(signature=signature, events=events, block=bool(block))
    _prepare(len(events))
    with transaction.atomic() if connection.in_atomic_block else nullcontext():
        row = _execute(sql, params)
        if row is None:
            # A concurrent submission of this address inserted its row after this statement
            # began: run again, it now finds that row.
            row = _execute(sql, params)
    if row is None:
        raise IntegrityError("The sign-on was refused by a constraint.")
    return _stored(row, events)


# The database connections (psycopg2's) on which the statements are prepared: a prepared
# statement lasts as long as its connection (a transaction rolled back keeps it).
_prepared_on: dict[int, weakref.WeakSet] = {}


def _prepare(event_count):
    connection.ensure_connection()
    prepared_on = _prepared_on.setdefault(event_count, weakref.WeakSet())
    if connection.connection not in prepared_on:
        with connection.cursor() as cursor:
            cursor.execute(prepared_statement(event_count))
        prepared_on.add(connection.connection)


def _execute(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _stored(row, events):
    """The signature the statement returned, its events logged and its email handed on."""
    outcome, owed_id, owed_kind, *values = row
    signature = Signature.from_db(connection.alias, signature_columns(), _from_db(values))
    if outcome == NEW:
        stored_events = events
    elif outcome == REPLACED:
        stored_events = [SignatureEvent(action=SignatureEvent.Action.RESUBMITTED)]
    else:
        stored_events = []
    signature.submission_outcome = outcome
    for event in stored_events:
        event.signature = signature
        event_logged(event)
    if owed_id is not None:
        notification = Notification(pk=owed_id, signature=signature, kind=owed_kind)
        notification._state.adding = False
        outbox.notification_owed(notification)
    return signature


def _from_db(values):
    """The columns' values as the ORM reads them (a JSON column arrives as text)."""
    return [
        field.from_db_value(value, None, connection) if hasattr(field, "from_db_value") else value
        for field, value in zip(Signature._meta.concrete_fields, values, strict=True)
    ]


def _store_through_the_orm(signature, events, block):
    """The same outcomes through the ORM, in two transactions: the new signature's, or, once
    the database's constraint has refused it, the existing one's."""
    try:
        signature = _insert_through_the_orm(signature, events, block)
        signature.submission_outcome = NEW
        return signature
    except IntegrityError:
        existing = _submit_existing(signature, block)
        if existing is None:
            raise  # another constraint refused the row
        return existing


@transaction.atomic
def _insert_through_the_orm(signature, events, block):
    signature.save()
    for event in events:
        event.signature = signature
        event.save()
        event_logged(event)
    if not block and outbox.within_allowance(signature.email):
        notification = Notification.objects.create(
            signature=signature, kind=Notification.Kind.CONFIRM
        )
        outbox.notification_owed(notification)
    return signature


@transaction.atomic
def _submit_existing(submitted, block):
    existing = Signature.objects.with_email(submitted.email).filter(letter=submitted.letter_id)
    signature = existing.select_for_update().first()
    if signature is not None:
        signature.submission_outcome = KEPT
    if signature is None or block:
        return signature
    if signature.status not in REPLACEABLE:
        outbox.notification_owe(
            signature=signature, kind=Notification.Kind.ALREADY_SIGNED, asked_by_public=True
        )
    elif outbox.within_allowance(signature.email):
        # Past the allowance nothing changes: replacing the values without sending a link
        # would only break the link the address already holds.
        _replace(signature, submitted)
        signature.submission_outcome = REPLACED
        outbox.notification_owe(signature=signature, kind=Notification.Kind.CONFIRM)
    return signature


def _replace(signature, submitted):
    previous = {field: str(getattr(signature, field)) for field in REPLACED_FIELDS}
    previous_status = signature.status
    for field in signature._meta.concrete_fields:
        if field.name not in ("id", *KEPT_FIELDS):
            setattr(signature, field.attname, getattr(submitted, field.attname))
    signature.revision += 1
    signature.save()
    event_record(
        signature=signature,
        action=SignatureEvent.Action.RESUBMITTED,
        previous=previous,
        previous_status=str(previous_status),
    )
