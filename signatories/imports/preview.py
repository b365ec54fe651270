"""What an import would do, row by row, before anything is stored: the values each row will
store (with the language the contact is written to in), the reasons a row is refused, the
rows already on the letter (skipped, so that a file imported twice adds nobody) and the
possible duplicates, of other rows and of the letter's signatures, by the moderators' hints
(same name, same website, same email domain)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from signatories import hints
from signatories.imports.columns import language_code
from signatories.imports.rows import row_check
from signatories.models import Signature, SignatureImport

NEW, SKIPPED, REFUSED = "new", "skipped", "refused"


@dataclass
class RowPreview:
    number: int  # the row's line in the spreadsheet, the header being line 1
    values: dict
    reasons: list = field(default_factory=list)  # why it is refused, or skipped
    duplicates: list = field(default_factory=list)  # possible duplicates, in words
    status: str = NEW
    language: str = ""  # the language of the emails to the contact
    notes: list = field(default_factory=list)  # what the import does other than the file says

    @property
    def language_name(self):
        return dict(settings.LANGUAGES).get(self.language, "")


@dataclass
class Preview:
    rows: list
    missing: list  # required fields no column gives

    def count(self, status):
        return sum(1 for row in self.rows if row.status == status)

    @property
    def new(self):
        return [row for row in self.rows if row.status == NEW]


REQUIRED_COLUMNS = ("organization", "country", "scope")


def import_preview(signature_import: SignatureImport) -> Preview:
    """The preview of `signature_import` as its mapping reads it. Reads the letter's
    signatures in one query, whatever the number of rows."""
    needs_contact = signature_import.mode == SignatureImport.Mode.INVITE
    required = (*REQUIRED_COLUMNS, *(("contact_name", "email") if needs_contact else ()))
    mapped = set(signature_import.mapping.values())
    missing = [name for name in required if name not in mapped]
    rows = []
    for number, cells in enumerate(signature_import.rows, start=2):
        by_field = {
            name: cells[int(index)]
            for index, name in signature_import.mapping.items()
            if int(index) < len(cells)
        }
        values, reasons = row_check(by_field, needs_contact=needs_contact)
        language, notes = _language(by_field.get("language", ""))
        if values:
            values["language"] = language
        # A refused row shows what the file gave.
        shown = values or by_field
        status = REFUSED if reasons else NEW
        rows.append(RowPreview(number, shown, reasons, status=status, language=language))
        rows[-1].notes.extend(notes)
    if not missing:
        _mark_duplicates([row for row in rows if row.status == NEW], signature_import.letter_id)
    return Preview(rows=rows, missing=missing)


def _language(text):
    """The language of the emails to the contact, and a note if the file's is not one of the
    site's. Without one it is the letter's: letters are written in settings.LANGUAGE_CODE
    (see letter.models.TranslatedLetter), never in the language of whoever runs the import."""
    default = settings.LANGUAGE_CODE
    code = language_code(text) if text else ""
    if text and not code:
        note = _(
            "“%(value)s” is not one of this site's languages: the emails will be in %(language)s."
        )
        return default, [note % {"value": text, "language": dict(settings.LANGUAGES)[default]}]
    return code or default, []


def _keys(values):
    return {
        "email": values["email"].lower(),
        "organization_key": hints.organization_key(values["organization"]),
        "website_domain": hints.website_site(values["website"]),
        "email_domain": hints.email_site(values["email"]),
        "country": values["country"],
    }


def _mark_duplicates(rows, letter_id):
    keyed = [(row, _keys(row.values)) for row in rows]
    existing = _existing(letter_id, [keys for _row, keys in keyed])
    seen = {}  # (key name, value) -> the first row that has it
    for row, keys in keyed:
        _against_existing(row, keys, existing)
        if row.status == NEW:
            _against_rows(row, keys, seen)


def _existing(letter_id, all_keys):
    emails = {keys["email"] for keys in all_keys if keys["email"]}
    names = {keys["organization_key"] for keys in all_keys}
    sites = {keys["website_domain"] for keys in all_keys if keys["website_domain"]}
    found = (
        Signature.objects.filter(letter_id=letter_id)
        .alias(email_lower=Lower("email"))
        .filter(
            Q(email_lower__in=emails) | Q(organization_key__in=names) | Q(website_domain__in=sites)
        )
        .values("organization", "organization_key", "website_domain", "email", "country")
    )
    existing = {}
    for signature in found:
        for name in ("organization_key", "website_domain"):
            existing.setdefault((name, signature[name]), signature)
        existing.setdefault(("email", signature["email"].lower()), signature)
        existing.setdefault(("name_in", signature["organization_key"], signature["country"]), 1)
    return existing


def _against_existing(row, keys, existing):
    if keys["email"] and ("email", keys["email"]) in existing:
        row.status = SKIPPED
        row.reasons.append(_("This address has already signed this letter: skipped."))
    elif not keys["email"] and ("name_in", keys["organization_key"], keys["country"]) in existing:
        row.status = SKIPPED
        row.reasons.append(_("This organization has already signed from this country: skipped."))
    else:
        for name, label in (
            ("organization_key", _("same name")),
            ("website_domain", _("same website")),
        ):
            other = existing.get((name, keys[name])) if keys[name] else None
            if other:
                row.duplicates.append(
                    _("%(hint)s as “%(organization)s”, who has signed")
                    % {"hint": label, "organization": other["organization"]}
                )


_ROW_HINTS = (
    ("email", gettext_lazy("same email as row %(number)d")),
    ("organization_key", gettext_lazy("same name as row %(number)d")),
    ("website_domain", gettext_lazy("same website as row %(number)d")),
    ("email_domain", gettext_lazy("same email domain as row %(number)d")),
)


def _against_rows(row, keys, seen):
    for name, message in _ROW_HINTS:
        value = keys[name]
        if not value or (name == "email_domain" and hints.is_webmail(value)):
            continue
        first = seen.setdefault((name, value), row.number)
        if first == row.number:
            continue
        if name == "email":
            row.status = REFUSED
            row.reasons.append(str(message % {"number": first}).capitalize() + ".")
            return
        row.duplicates.append(str(message % {"number": first}))
