import io

from django.core.management.base import BaseCommand, CommandError

from letter.models import Letter
from signatories.public.export import PUBLIC_ANSWERS, WRITERS, export_rows


class Command(BaseCommand):
    help = "Export a letter's approved signatories, for delivery with the letter."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The letter's slug.")
        parser.add_argument("--format", choices=WRITERS, default="csv")
        parser.add_argument("--output", help="File to write; standard output if omitted.")

    def handle(self, *args, slug, output, **options):
        try:
            letter = Letter.objects.get(slug=slug)
        except Letter.DoesNotExist:
            raise CommandError(f"No letter has the slug {slug!r}.") from None
        # Delivered with the letter, so as public as the open data: no partner, no importer.
        rows = export_rows(letter.signatures.all(), answers=PUBLIC_ANSWERS)
        write = WRITERS[options["format"]]
        if output:
            # newline="" leaves the csv module's \r\n line endings as they are.
            with open(output, "w", encoding="utf-8", newline="") as stream:
                write(rows, stream)
        else:
            # Written whole and verbatim: OutputWrapper must not add a line ending of its own.
            buffer = io.StringIO()
            write(rows, buffer)
            self.stdout.write(buffer.getvalue(), ending="")
