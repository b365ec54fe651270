"""The list of signatories as it is delivered with the letter and published as open data: CSV
for spreadsheets, JSON for programs. Only approved signatures of organizations that agreed to
be named leave the system, whatever queryset the caller passes."""

import csv
import datetime
import json
import re

from django.db.models.functions import Lower
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from signatories.questions.selectors import answered_questions, answers_by_signature
from signatories.signing.validators import visible_text

EXPORT_FIELDS = [
    "organization",
    "country_code",
    "country_name",
    "scope",
    "website",
    "approved_at",
    # The version of the letter's text the signatory agreed to (see letter/versions.py).
    "text_version",
    # Where a signature gathered elsewhere came from: the import and its file; "" for one
    # signed here. Who ran the import is in the audit trail, not in public data.
    "source",
]

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection).
FORMULA_PREFIXES = "=+-@\t\r"
# A spreadsheet opened with another separator (";" in much of Europe, tab, "|") or that
# ignores the quotes splits a cell there, and a newline starts a new row: each piece is
# then a cell of its own, which must not start a formula either.
CELL_SEPARATORS = ",;|\t\r\n"
_FORMULA_START = re.compile(
    rf"^(?=[{re.escape(FORMULA_PREFIXES)}]|\s*[=+\-@])"
    rf"|(?<=[{re.escape(CELL_SEPARATORS)}])(?=\s*[=+\-@])"
)


# Which answers to the letters' own questions an export holds: none, the public questions'
# (the open data), or all of them (the coalition's exports from the admin).
NO_ANSWERS, PUBLIC_ANSWERS, ALL_ANSWERS = "none", "public", "all"


def export_rows(queryset, *, answers=NO_ANSWERS, coalition=False):
    """Yield one dict per approved, named signature in `queryset`, keyed by EXPORT_FIELDS,
    then, for the `coalition`'s own exports, "imported_by" (who ran the import it came from)
    and "partner" (the partner that brought it: name and code), then, if asked, each
    question's wording (several choices joined by "; ").

    Only the coalition's exports name the partner and the importer: neither is contact data,
    but which network brought an organization can say more about it than an organization at
    risk would publish, so the open data leaves them out."""
    signatures = list(
        queryset.named()
        # The admin's list joins the letter; the export needs none of it, only the import
        # and the partner.
        .select_related(None)
        .select_related("imported_from", "partner")
        .only(
            "partner__name",
            "partner__code",
            "letter",
            "organization",
            "country",
            "scope",
            "website",
            "decided_at",
            "text_version",
            "imported_from__file_name",
            "imported_from__imported_at",
            "imported_from__run_by",
        )
        .order_by("country", Lower("organization"), "pk")
    )
    questions, given = [], {}
    if answers != NO_ANSWERS and signatures:
        public_only = answers == PUBLIC_ANSWERS
        letters = {signature.letter_id for signature in signatures}
        questions = answered_questions(letters, public_only=public_only)
        given = answers_by_signature([s.pk for s in signatures], public_only=public_only)
    for signature in signatures:
        answered = given.get(signature.pk, {})
        row = _row(signature)
        if coalition:
            imported_from = signature.imported_from
            row["imported_by"] = imported_from.run_by if imported_from else ""
            row["partner"] = _partner(signature.partner)
        yield row | {q.label: "; ".join(answered.get(q.pk, [])) for q in questions}


def _partner(partner):
    return "" if partner is None else f"{partner.name} ({partner.code})"


def _row(signature):
    return {
        "organization": signature.organization,
        "country_code": signature.country.code,
        "country_name": str(signature.country.name),
        "scope": signature.scope,
        "website": signature.website,
        "approved_at": _utc_isoformat(signature.decided_at),
        "text_version": signature.text_version,
        "source": _source(signature.imported_from),
    }


def _source(signature_import):
    if signature_import is None:
        return ""
    imported_at = _utc_isoformat(signature_import.imported_at)
    return f"import {signature_import.pk}: {signature_import.file_name} ({imported_at})"


def _utc_isoformat(moment):
    if moment is None:
        return ""
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds")


def csv_cell(value):
    """A value as a spreadsheet may show it: without invisible or direction-changing
    characters (refused at input since; older rows may hold them), and never a formula."""
    if isinstance(value, str):
        value = visible_text(value)
    return neutralise_formula(value)


def neutralise_formula(value):
    """Make a spreadsheet show `value` as text instead of evaluating it: a quote before a
    formula start at the beginning of the cell, or after a separator or line break in it."""
    if isinstance(value, str):
        return _FORMULA_START.sub("'", value)
    return value


def write_csv(rows, stream):
    """Write a header and `rows` to the text `stream`.

    The leading byte order mark makes Excel read the file as UTF-8, so non-ASCII
    organization names are not garbled when a recipient double-clicks the file. Every field
    is quoted, so that a separator in a cell does not split it where quotes are honoured.
    """
    stream.write("\ufeff")
    writer = csv.writer(stream, quoting=csv.QUOTE_ALL)
    rows = iter(rows)
    first = next(rows, None)
    columns = list(first) if first else EXPORT_FIELDS
    writer.writerow([csv_cell(column) for column in columns])
    for row in (first, *rows) if first else ():
        writer.writerow([csv_cell(row[column]) for column in columns])


def write_json(rows, stream):
    signatories = list(rows)
    # "named": how many are listed here by name; the live count of every signatory is in
    # count.json, the one number of signatories the site states.
    document = {"signatories": signatories, "named": len(signatories)}
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


WRITERS = {"csv": write_csv, "json": write_json}
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def export_response(queryset, fmt, filename_stem, *, answers=NO_ANSWERS, coalition=False):
    """A download of the approved signatures in `queryset`, as `fmt` ("csv" or "json")."""
    if fmt not in WRITERS:
        raise ValueError(f"Unknown export format {fmt!r}; expected one of {', '.join(WRITERS)}.")
    response = HttpResponse(
        content_type=CONTENT_TYPES[fmt],
        headers={
            "Content-Disposition": content_disposition_header(
                as_attachment=True, filename=f"{filename_stem}.{fmt}"
            )
        },
    )
    WRITERS[fmt](export_rows(queryset, answers=answers, coalition=coalition), response)
    return response
