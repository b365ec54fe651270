"""The one SQL statement that stores a sign-on on PostgreSQL, whatever the address has done
before: a new address's signature, its events and its confirmation email; or, for an address
that has signed the letter, the new values over an unconfirmed or withdrawn signature with a
"resubmitted" event and a new link, or a note that it has signed already. The statement's
text is the same for every address (it depends only on whether the submission is blocked), so
the request makes the same round trip and PostgreSQL plans the same statement: how long the
answer takes does not tell who has signed.

CTEs, in order: `existing` (the address's signature on the letter, locked), `allowed` (within
the address's allowance of public emails), `new_signature` (inserted only if there is none),
`replaced` (the new values over a replaceable one), `outcome` (the signature the submission
ended with, and which of the three it was), the events, `owed` (the email owed, if any).
Each INSERT is written from the model's own fields and each value prepared by its field as the
ORM prepares it."""

import re
from functools import cache

from django.conf import settings
from django.db import connection
from django.db.models import AutoField, Model

from signatories.mail import outbox
from signatories.models import Notification, Signature, SignatureEvent

# A signature nobody has confirmed (or that its signer took back) belongs to whoever next
# proves the address is theirs: otherwise whoever signs first with someone else's address
# would lock the real organization out.
REPLACEABLE = (
    Signature.Status.UNCONFIRMED,
    Signature.Status.WITHDRAWN,
    Signature.Status.BLOCKED,
)
# What the "resubmitted" event keeps of the values a new submission replaced.
REPLACED_FIELDS = (
    "organization",
    "country",
    "scope",
    "website",
    "listing",
    "contact_name",
    "language",
)
# What a new submission leaves as it was: which signature it is, and what only moderators set.
KEPT_FIELDS = ("letter", "created_at", "revision", "added_by_moderator")

NEW, REPLACED, KEPT = "new", "replaced", "kept"
# The first key of the advisory lock a sign-on takes on its address (the second is a hash of
# the address): a number of its own, so that no other advisory lock shares it.
ADDRESS_LOCK = 21_002


def submission_statement(
    *, signature: Signature, events: list[SignatureEvent], block: bool
) -> tuple[str, list]:
    """The statement and its parameters; it returns one row (outcome, owed email's id and
    kind, then the signature's columns in `signature_columns()` order), or none if a
    concurrent submission of the same address inserted its row first (run it again). It
    executes the statement `prepared_statement(len(events))` prepares."""
    _sql, allowance = outbox.allowance_count_sql(signature.email)
    values = {
        "email": signature.email,
        "letter": signature.letter_id,
        **dict(zip(_KINDS, allowance, strict=False)),
        "since": allowance[len(_KINDS)],
        "limit": settings.EMAILS_PER_RECIPIENT,
        **_named("signature", signature, _fields(Signature, ("id",))),
        **dict(zip(_STATUSES, map(str, REPLACEABLE), strict=True)),
        "block": block,
        "resubmitted": str(SignatureEvent.Action.RESUBMITTED),
        "at": _now(SignatureEvent),
        "already_signed": str(Notification.Kind.ALREADY_SIGNED),
        "confirm": str(Notification.Kind.CONFIRM),
        **_named("owed", Notification(kind=""), _owed_fields()),
    }
    for n, event in enumerate(events):
        values |= _named(f"event{n}", event, _event_fields())
    names = _parameters(len(events))
    # Two statements in one round trip, and one transaction (PostgreSQL runs a multi-statement
    # query as one unless it is in one already): the address's lock first, so that the
    # second statement's snapshot, taken once the lock is held, sees every email owed by the
    # submissions of this address that held it before. A snapshot taken before waiting for
    # a row lock would count the allowance without them.
    sql = (
        "SELECT pg_advisory_xact_lock(%s, hashtext(lower(%s)));"
        f" EXECUTE {_name(len(events))} ({', '.join(['%s'] * len(names))})"
    )
    return sql, [ADDRESS_LOCK, signature.email, *(values[name] for name in names)]


@cache
def prepared_statement(event_count: int) -> str:
    """PREPARE of the statement for a submission with `event_count` events: PostgreSQL then
    plans it once per connection rather than for every sign-on (planning took longer than
    running it). Each value is one parameter, typed as its column, however often the
    statement uses it (the new values of a signature in its INSERT and its UPDATE)."""
    names = _parameters(event_count)
    number = {name: n for n, name in enumerate(names, start=1)}
    slots = iter(_slots(event_count))
    sql = re.sub("%s", lambda _match: f"${number[next(slots)]}", _sql(event_count))
    types = ", ".join(_type(name) for name in names)
    return f"PREPARE {_name(event_count)} ({types}) AS {sql}"


def _name(event_count):
    return f"signon_submission_{event_count}"


_KINDS = [f"kind{n}" for n in range(len(outbox.PUBLIC_KINDS))]
_STATUSES = [f"status{n}" for n in range(len(REPLACEABLE))]


def _event_fields():
    return _fields(SignatureEvent, ("id", "signature"))


def _owed_fields():
    return _fields(Notification, ("id", "signature", "kind"))


# The types of the parameters that are not a column's value (the others are "text").
_MOMENT = "timestamp with time zone"
_TYPES = {"since": _MOMENT, "at": _MOMENT, "limit": "integer", "block": "boolean"}


@cache
def _slots(event_count):
    """The name of the value each %s of _sql(event_count) stands for, in order."""

    def named(prefix, fields):
        return [f"{prefix}.{field.attname}" for field in fields]

    events = [name for n in range(event_count) for name in named(f"event{n}", _event_fields())]
    return [
        *("email", "letter", *_KINDS, "since", "email", "limit"),
        *named("signature", _fields(Signature, ("id",))),
        *named("signature", _replacing_fields()),
        *_STATUSES,
        "block",
        *events,
        *("resubmitted", "at", "already_signed", "confirm"),
        *named("owed", _owed_fields()),
        "block",
        *_STATUSES,
    ]


@cache
def _parameters(event_count):
    """The statement's parameters: each value once, in the order first used."""
    return list(dict.fromkeys(_slots(event_count)))


def _type(name):
    if "." in name:
        prefix, attname = name.split(".")
        model = {"signature": Signature, "owed": Notification}.get(prefix, SignatureEvent)
        return _db_type(next(f for f in model._meta.concrete_fields if f.attname == attname))
    if name == "letter":
        return _db_type(Signature._meta.get_field("letter"))
    return _TYPES.get(name, "text")


def _named(prefix, instance, fields):
    values = _prepared(instance, fields)
    return {f"{prefix}.{field.attname}": value for field, value in zip(fields, values, strict=True)}


def _db_type(field):
    return field.db_type(connection)


def signature_columns() -> list[str]:
    """The attribute names of the signature's columns the statement returns, in order."""
    return [field.attname for field in Signature._meta.concrete_fields]


def _sql(event_count):
    allowance_sql = outbox.allowance_count_sql("")[0]
    q = connection.ops.quote_name
    signatures = q(Signature._meta.db_table)
    columns = ", ".join(q(field.column) for field in Signature._meta.concrete_fields)
    inserted = _fields(Signature, ("id",))
    replacing = _replacing_fields()
    assignments = ", ".join(f"{q(field.column)} = %s" for field in replacing)
    statuses = ", ".join(["%s"] * len(REPLACEABLE))
    parts = [
        f"existing AS (SELECT {columns} FROM {signatures} WHERE lower(email) = lower(%s)"
        " AND letter_id = %s AND NOT email = '' FOR UPDATE)",
        f"allowed AS (SELECT ({allowance_sql}) < %s AS ok)",
        f"new_signature AS (INSERT INTO {signatures} ({_names(inserted)})"
        f" SELECT {_placeholders(inserted)} WHERE NOT EXISTS (SELECT FROM existing)"
        " ON CONFLICT ((lower(email)), letter_id) WHERE NOT (email = '') DO NOTHING"
        f" RETURNING {columns})",
        f"replaced AS (UPDATE {signatures} s SET {assignments}, revision = s.revision + 1"
        " FROM existing, allowed WHERE s.id = existing.id"
        f" AND existing.status IN ({statuses}) AND allowed.ok AND NOT %s"
        f" RETURNING {', '.join(f's.{q(f.column)}' for f in Signature._meta.concrete_fields)})",
        f"outcome AS (SELECT '{NEW}' AS outcome, {columns} FROM new_signature"
        f" UNION ALL SELECT '{REPLACED}', {columns} FROM replaced"
        f" UNION ALL SELECT '{KEPT}', {columns} FROM existing"
        " WHERE NOT EXISTS (SELECT FROM replaced))",
    ]
    event_fields = _event_fields()
    events = q(SignatureEvent._meta.db_table)
    # Each event is inserted from the rows the one before returned, so they are stored (and
    # numbered) in order: sub-statements of a WITH run in no given order otherwise.
    source = "new_signature AS new (signature_id)"
    for n in range(event_count):
        parts.append(
            f"event_{n} AS (INSERT INTO {events} (signature_id, {_names(event_fields)})"
            f" SELECT signature_id, {_placeholders(event_fields)} FROM {source}"
            " RETURNING signature_id)"
        )
        source = f"event_{n}"
    previous = ", ".join(f"'{name}', existing.{q(name)}::text" for name in REPLACED_FIELDS)
    parts.append(
        f"resubmitted AS (INSERT INTO {events} (signature_id, action, actor_id, at, details)"
        f" SELECT replaced.id, %s, NULL, %s, jsonb_build_object('previous',"
        f" jsonb_build_object({previous}), 'previous_status', existing.status)"
        " FROM replaced JOIN existing ON existing.id = replaced.id)"
    )
    owed_fields = _owed_fields()
    parts.append(
        f"owed AS (INSERT INTO {q(Notification._meta.db_table)}"
        f" (signature_id, kind, {_names(owed_fields)})"
        f" SELECT outcome.id, CASE outcome.outcome WHEN '{KEPT}' THEN %s ELSE %s END,"
        f" {_placeholders(owed_fields)} FROM outcome, allowed WHERE allowed.ok AND NOT %s"
        f" AND (outcome.outcome <> '{KEPT}' OR outcome.status NOT IN ({statuses}))"
        " RETURNING id, kind)"
    )
    return (
        f"WITH {', '.join(parts)} SELECT outcome.outcome, (SELECT id FROM owed),"
        f" (SELECT kind FROM owed), {columns} FROM outcome"
    )


@cache
def _fields(model: type[Model], left_out: tuple[str, ...]):
    """The model's columns but those left out (and its generated primary key)."""
    return tuple(
        field
        for field in model._meta.concrete_fields
        if not isinstance(field, AutoField) and field.name not in left_out
    )


@cache
def _replacing_fields():
    """The columns a new submission sets over a replaceable signature: all it gave and all
    derived from it, its new status, and the decisions and dates cleared (its values as a new
    signature has them)."""
    return _fields(Signature, ("id", *KEPT_FIELDS))


def _names(fields):
    return ", ".join(connection.ops.quote_name(field.column) for field in fields)


def _placeholders(fields):
    return ", ".join(["%s"] * len(fields))


def _prepared(instance, fields):
    """Each value as the ORM's INSERT prepares it (pre_save fills auto_now_add)."""
    return [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]


def _now(model):
    return _prepared(model(), [model._meta.get_field("at")])[0]
