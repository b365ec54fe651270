import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from signatories.moderation.moderators import moderator_create

PASSWORD_VARIABLE = "DJANGO_MODERATOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a staff user in the Moderators group. With --noinput the password comes "
        f"from {PASSWORD_VARIABLE}."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, username, email, interactive, **options):
        if get_user_model().objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        password = self._ask_password() if interactive else os.environ.get(PASSWORD_VARIABLE)
        if not password:
            raise CommandError(f"Set {PASSWORD_VARIABLE} to give the moderator a password.")
        try:
            validate_password(password, get_user_model()(username=username, email=email))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        moderator_create(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Moderator {username!r} created."))

    def _ask_password(self):
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return password
