from django.core.management.base import BaseCommand

from signatories.signing.retention import contact_data_purge


class Command(BaseCommand):
    help = (
        "Erase contact names, emails and address hashes of signatures on letters closed more "
        "than CONTACT_DATA_RETENTION_DAYS ago; delete signatures left unconfirmed for more than "
        "UNCONFIRMED_SIGNATURE_MAX_AGE_DAYS. Also run daily by Celery beat."
    )

    def handle(self, *args, **options):
        erased, deleted = contact_data_purge()
        self.stdout.write(
            f"Erased the contact data of {erased} signatures; "
            f"deleted {deleted} unconfirmed signatures."
        )
