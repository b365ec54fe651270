"""Importing a file: reading it into an import held for its preview, correcting how its
columns map, and storing its rows once confirmed, each signature with where it came from.

A historical list's signatures were gathered elsewhere: they are stored approved and listed
as given, and nobody is emailed. An invitation's are stored awaiting the signer, each owed
an invitation to confirm, correct or decline, which the paced update dispatcher sends (the
outbox's workers leave them to it) within the recipient's email allowance."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from letter.public_version import mark_published
from signatories.imports.columns import FIELDS, mapping_guess
from signatories.imports.preview import import_preview
from signatories.imports.reading import ImportRefused, table_read
from signatories.mail.outbox import addresses_within_allowance
from signatories.mail.updates.mailing import wake_dispatcher
from signatories.models import Notification, Signature, SignatureEvent, SignatureImport

__all__ = ["ImportRefused", "signature_import_read", "signature_import_map", "signature_import_run"]


@transaction.atomic
def signature_import_read(
    *, letter, file_name: str, data: bytes, mode: str, user=None, run_by: str = ""
) -> SignatureImport:
    """Read the file into an import awaiting confirmation, its columns mapped by their
    headers. Raises ImportRefused, with the reason in words, for a file it cannot read."""
    table = table_read(data, file_name=file_name)
    mapping = mapping_guess(table.header)
    if not mapping:
        raise ImportRefused(
            _(
                "None of this file's column headers names a field of the sign-on form "
                "(such as Organization, Country, Scope, Email): check its first row."
            )
        )
    return SignatureImport.objects.create(
        letter=letter,
        file_name=file_name[:255],
        mode=mode,
        created_by=user,
        run_by=run_by or (user.get_username() if user else ""),
        header=table.header,
        rows=table.rows,
        mapping=mapping,
    )


class AlreadyImported(Exception):
    """This import was confirmed already: it adds nobody again."""


@transaction.atomic
def signature_import_map(*, signature_import: SignatureImport, mapping: dict) -> SignatureImport:
    """Correct which field each column fills (column index -> field, "" for none)."""
    signature_import = SignatureImport.objects.select_for_update().get(pk=signature_import.pk)
    if signature_import.imported_at:
        raise AlreadyImported()
    width = len(signature_import.header)
    signature_import.mapping = {
        str(index): name
        for index, name in mapping.items()
        if name in FIELDS and 0 <= int(index) < width
    }
    signature_import.save(update_fields=["mapping"])
    return signature_import


RUN_ATTEMPTS = 3


def signature_import_run(*, signature_import: SignatureImport) -> SignatureImport:
    """Store the rows the preview accepts, once: a second run, or a row already on the
    letter (by its address, or its name and country), adds nobody. Refused rows are left
    out. Raises AlreadyImported for an import confirmed before."""
    for attempt in range(RUN_ATTEMPTS):
        try:
            return _run(signature_import)
        except IntegrityError:
            # Someone signed with one of these addresses meanwhile: the preview, read again,
            # skips them.
            if attempt == RUN_ATTEMPTS - 1:
                raise


@transaction.atomic
def _run(signature_import):
    signature_import = (
        SignatureImport.objects.select_for_update()
        .select_related("letter")
        .get(pk=signature_import.pk)
    )
    if signature_import.imported_at:
        raise AlreadyImported()
    now = timezone.now()
    letter = signature_import.letter
    rows = import_preview(signature_import).new
    signatures = [_signature(signature_import, row.values, now) for row in rows]
    Signature.objects.bulk_create(signatures)
    details = {
        "import": signature_import.pk,
        "file": signature_import.file_name,
        "by": signature_import.run_by,
        "mode": signature_import.mode,
    }
    SignatureEvent.objects.bulk_create(
        SignatureEvent(signature=s, action=SignatureEvent.Action.IMPORTED, details=details)
        for s in signatures
    )
    signature_import.imported_at = now
    signature_import.added = len(signatures)
    if signature_import.mode == SignatureImport.Mode.INVITE:
        signature_import.invited = _invite(signatures)
    else:
        mark_published(letter.pk)
    # The file's contact data now lives in the signatures only, which the retention purge
    # erases: the import keeps its header and counts.
    signature_import.rows = []
    signature_import.save(update_fields=["imported_at", "added", "invited", "rows"])
    return signature_import


def _signature(signature_import, values, now):
    historical = signature_import.mode == SignatureImport.Mode.HISTORICAL
    submitted = {
        name: str(values[name])
        for name in ("organization", "country", "scope", "website", "listing")
    }
    # `values` holds the row's language, which the invitation and every later email follow.
    signature = Signature(
        letter_id=signature_import.letter_id,
        **values,
        submitted=submitted,
        consented_at=now,
        text_version=signature_import.letter.text_version,
        imported_from=signature_import,
        added_by_moderator=historical,
        status=Signature.Status.APPROVED if historical else Signature.Status.UNCONFIRMED,
        confirmed_at=now if historical else None,
        decided_at=now if historical else None,
        decided_by=signature_import.created_by if historical else None,
    )
    signature.derive_fields()  # what save() would do
    return signature


def _invite(signatures) -> int:
    """Owe each new signature its invitation, within its address's allowance; the
    dispatcher, woken once this commits, sends them at its pace. Returns how many."""
    allowed = addresses_within_allowance(signature.email for signature in signatures)
    owed = [
        Notification(signature=signature, kind=Notification.Kind.INVITE)
        for signature in signatures
        if signature.email.lower() in allowed
    ]
    Notification.objects.bulk_create(owed)
    transaction.on_commit(wake_dispatcher)
    return len(owed)
