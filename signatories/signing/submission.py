"""A new signature, its audit trail and the confirmation email it is owed, stored by one SQL
statement that PostgreSQL runs atomically: the busiest write on the site, a sign-on.

Through the ORM the same rows took three INSERTs, a count of the address's recent emails and
the transaction's BEGIN and COMMIT (six round trips to PostgreSQL), and compiling the INSERTs
took more of a POST's time in the web process than validating its form. Here each model's
INSERT is written once per process, from the model's own fields, and each value is prepared
by its field as the ORM prepares it; the statement inserts the signature, then its events
and its email with the signature's new id, the email only while the address is within its
allowance (outbox.within_allowance, counted in the same statement).

A second signature of the same address on the letter is refused by the database's
constraint, as through the ORM: the statement raises IntegrityError and stores nothing."""

from contextlib import nullcontext
from functools import cache

from django.conf import settings
from django.db import connection, transaction
from django.db.models import AutoField, Model

from signatories.audit import event_logged
from signatories.mail import outbox
from signatories.models import Notification, Signature, SignatureEvent

NEW_SIGNATURE = "new_signature"


def signature_insert(
    *, signature: Signature, events: list[SignatureEvent], notification: Notification | None
) -> Signature:
    """Store `signature`, `events` (each of it) and, within the address's allowance, the
    `notification` it is owed, in one statement; `signature` gets its id. Outside a
    transaction (the sign-on view) the statement commits on its own; inside one, within a
    savepoint, so that a refused row leaves the caller's transaction usable."""
    if connection.vendor != "postgresql":
        return _insert_through_the_orm(signature, events, notification)
    sql, params = _statement(signature, events, notification)
    with transaction.atomic() if connection.in_atomic_block else nullcontext():
        signature.pk, notification_id = _execute(sql, params)
    signature._state.adding = False
    for event in events:
        event.signature = signature
        event_logged(event)
    if notification is not None and notification_id is not None:
        notification.pk = notification_id
        notification.signature = signature
        notification._state.adding = False
        outbox.notification_owed(notification)
    return signature


@transaction.atomic
def _insert_through_the_orm(signature, events, notification):
    """The same rows on a database without INSERTs in a WITH (SQLite: the embedded default)."""
    signature.save()
    for event in events:
        event.signature = signature
        event.save()
        event_logged(event)
    if notification is not None and outbox.within_allowance(signature.email):
        notification.signature = signature
        notification.save()
        outbox.notification_owed(notification)
    return signature


def _execute(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _statement(signature, events, notification):
    parts, params = [], []
    sql, values = _insert_values(signature)
    parts.append(f"{NEW_SIGNATURE} AS ({sql} RETURNING id)")
    params += values
    for n, event in enumerate(events):
        sql, values = _insert_for_new_signature(event)
        parts.append(f"event_{n} AS ({sql})")
        params += values
    owed_id = "NULL"
    if notification is not None:
        sql, values = _insert_for_new_signature(notification)
        allowance_sql, allowance_params = outbox.allowance_count_sql(signature.email)
        parts.append(f"owed AS ({sql} WHERE ({allowance_sql}) < %s RETURNING id)")
        params += [*values, *allowance_params, settings.EMAILS_PER_RECIPIENT]
        owed_id = "(SELECT id FROM owed)"
    return f"WITH {', '.join(parts)} SELECT id, {owed_id} FROM {NEW_SIGNATURE}", params


def _insert_values(instance):
    fields = _fields(type(instance), None)
    return _insert_sql(type(instance), fields, "VALUES"), _prepared(instance, fields)


def _insert_for_new_signature(instance):
    """The INSERT of a row that belongs to the new signature: its signature column takes the
    new signature's id."""
    fields = _fields(type(instance), "signature")
    return _insert_sql(type(instance), fields, "SELECT"), _prepared(instance, fields)


@cache
def _fields(model: type[Model], signature_field: str | None):
    """Every column the ORM would insert (all but the generated primary key), but the one
    that points at the new signature."""
    return tuple(
        field
        for field in model._meta.concrete_fields
        if not isinstance(field, AutoField) and field.name != signature_field
    )


@cache
def _insert_sql(model, fields, form):
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    if form == "VALUES":
        return f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
    # The new signature's id first; PostgreSQL types each value by its column, as in VALUES.
    signature_column = quote(model._meta.get_field("signature").column)
    return (
        f"INSERT INTO {table} ({signature_column}, {columns})"
        f" SELECT {NEW_SIGNATURE}.id, {placeholders} FROM {NEW_SIGNATURE}"
    )


def _prepared(instance, fields):
    """Each value as the ORM's INSERT prepares it (pre_save fills auto_now_add)."""
    return [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
