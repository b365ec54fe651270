import getpass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from letter.models import Letter
from signatories.imports import preview as import_preview
from signatories.imports import services
from signatories.imports.columns import FIELDS
from signatories.models import SignatureImport


class Command(BaseCommand):
    help = (
        "Import a letter's existing signatories from a CSV or XLSX file: shows the preview "
        "(refused rows with their reasons, possible duplicates), then asks before storing."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The letter's slug.")
        parser.add_argument("file", help="The CSV or XLSX file.")
        parser.add_argument(
            "--mode", choices=SignatureImport.Mode.values, default=SignatureImport.Mode.HISTORICAL
        )
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="N=FIELD",
            help=f"Column N (from 1) fills FIELD, one of {', '.join(FIELDS)}, or none.",
        )
        parser.add_argument("--yes", action="store_true", help="Import without asking.")
        parser.add_argument("--dry-run", action="store_true", help="Show the preview only.")

    def handle(self, *args, slug, file, mode, column, yes, dry_run, **options):
        letter = Letter.objects.filter(slug=slug).first()
        if letter is None:
            raise CommandError(f"No letter has the slug {slug!r}.")
        path = Path(file)
        with path.open("rb") as stream:
            data = stream.read(settings.IMPORT_MAX_BYTES + 1)
        try:
            signature_import = services.signature_import_read(
                letter=letter, file_name=path.name, data=data, mode=mode,
                run_by=f"manage.py ({getpass.getuser()})",
            )  # fmt: skip
        except services.ImportRefused as refusal:
            raise CommandError(str(refusal)) from None
        if column:
            signature_import = services.signature_import_map(
                signature_import=signature_import, mapping=self._mapping(signature_import, column)
            )
        preview = import_preview.import_preview(signature_import)
        self._show(signature_import, preview)
        if preview.missing:
            raise CommandError(f"No column gives: {', '.join(preview.missing)} (use --column).")
        if dry_run or not preview.new:
            return
        if not yes and input(f"Import {len(preview.new)} signatures? [y/N] ").lower() != "y":
            self.stdout.write("Nothing imported.")
            return
        done = services.signature_import_run(signature_import=signature_import)
        self.stdout.write(f"Imported {done.added} signatures; {done.invited} invitations owed.")

    def _mapping(self, signature_import, columns):
        mapping = dict(signature_import.mapping)
        for item in columns:
            number, _sep, name = item.partition("=")
            if not number.isdigit() or name not in (*FIELDS, "none"):
                raise CommandError(f"--column {item!r}: expected N=FIELD.")
            mapping[str(int(number) - 1)] = "" if name == "none" else name
        return mapping

    def _show(self, signature_import, preview):
        for index, title in enumerate(signature_import.header):
            field = signature_import.mapping.get(str(index), "-")
            self.stdout.write(f"column {index + 1} {title!r}: {field}")
        for row in preview.rows:
            notes = "; ".join([*row.reasons, *row.notes, *row.duplicates])
            name = row.values.get("organization", "")
            self.stdout.write(
                f"row {row.number} {row.status}: {name} ({row.language})"
                f"{'  — ' + notes if notes else ''}"
            )
        self.stdout.write(
            f"{preview.count(import_preview.NEW)} to import, "
            f"{preview.count(import_preview.REFUSED)} refused, "
            f"{preview.count(import_preview.SKIPPED)} already on the letter."
        )
