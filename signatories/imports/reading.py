"""A spreadsheet as its export gives it, read into a header and rows of text: XLSX (by
openpyxl, read-only), or CSV in UTF-8 with or without BOM, UTF-16 or Windows-1252, separated
by commas, semicolons or tabs. Encoding and separator are detected, never asked.

Every limit holds while reading, not after: a file over IMPORT_MAX_BYTES is refused before it
is read, a file with more than IMPORT_MAX_ROWS rows as soon as the next row is met, and an
XLSX whose parts would unpack past IMPORT_MAX_UNPACKED_BYTES before it is opened. What is
not a spreadsheet is refused with a message saying so."""

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

SEPARATORS = (",", ";", "\t")
_ZIP_MAGIC = b"PK\x03\x04"
# A cell longer than this is no organization's name or address: the file is something else.
MAX_CELL_CHARS = 2000


class ImportRefused(Exception):
    """The file cannot be imported; the message says why, in words."""


@dataclass(frozen=True)
class Table:
    header: list
    rows: list


def table_read(data: bytes, *, file_name: str = "") -> Table:
    """The file's header and rows, each cell stripped text; raises ImportRefused."""
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ImportRefused(
            _("This file is larger than %(limit)d MB: split it into smaller files.")
            % {"limit": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    if data.startswith(_ZIP_MAGIC) or file_name.lower().endswith(".xlsx"):
        rows = _xlsx_rows(data)
    else:
        rows = _csv_rows(_decode(data))
    return _table(rows)


def _table(rows):
    kept = []
    for row in rows:
        cells = ["" if cell is None else " ".join(str(cell).split()) for cell in row]
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            raise _not_a_spreadsheet()
        if any(cells):
            kept.append(cells)
        if len(kept) > settings.IMPORT_MAX_ROWS + 1:
            raise ImportRefused(
                _("This file has more than %(limit)d rows: split it into smaller files.")
                % {"limit": settings.IMPORT_MAX_ROWS}
            )
    if len(kept) < 2:
        raise ImportRefused(_("This file has no rows under its header row."))
    header, *body = kept
    width = len(header)
    return Table(header=header, rows=[(row + [""] * width)[:width] for row in body])


def _not_a_spreadsheet():
    return ImportRefused(
        _(
            "This file is not a spreadsheet this page can read: export it from your "
            "spreadsheet as CSV or XLSX, with a header row naming the columns."
        )
    )


def _decode(data):
    """UTF-8 (with or without BOM), UTF-16 (by its BOM, or by its zero bytes), else
    Windows-1252; text with control characters is not a spreadsheet's."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    elif b"\x00" in data[:4096]:
        # UTF-16 without a BOM: ASCII characters leave zero bytes in every other place.
        encodings = ["utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _has_controls(text):
            return text.lstrip("\ufeff")
    raise _not_a_spreadsheet()


def _has_controls(text):
    return any(ord(c) < 32 and c not in "\t\r\n" for c in text[:100_000])


def _csv_rows(text):
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    separator = max(SEPARATORS, key=first_line.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    except csv.Error:
        raise _not_a_spreadsheet() from None


def _xlsx_rows(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
            raise ImportRefused(
                _("This spreadsheet is too large once unpacked: split it into smaller files.")
            )
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportRefused:
        raise
    except Exception:  # openpyxl and zipfile raise many kinds for a damaged file
        raise _not_a_spreadsheet() from None
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()
