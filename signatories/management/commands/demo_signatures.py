import logging
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from letter.models import Letter
from signatories.demo.generate import demo_signatures_create
from signatories.moderation.moderators import moderator_create

DEMO_MODERATOR = "demo-moderator"


class Command(BaseCommand):
    help = (
        "Add COUNT realistic demo signatures to a letter, for trying the admin: organizations "
        "from every UN region and of every scope, in every status (most awaiting review), "
        "with webmail addresses, email domains that differ from the website, near-duplicate "
        "names and shared domains. They are made through the services, so every hint is "
        "derived as for a real signature, and spread over the last DAYS days. No email is "
        "sent: every address is on a reserved .example domain, and the emails the services "
        "owe are deleted before the transaction commits. Decisions are taken by the user "
        f"--moderator, by default {DEMO_MODERATOR!r} (created without a usable password). "
        "Refuses to run unless DEBUG is on or --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The letter's slug; signing must be open.")
        parser.add_argument("--count", type=int, default=100)
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same signatures.")
        parser.add_argument("--days", type=int, default=30, help="Spread over this many days.")
        parser.add_argument("--moderator", default=DEMO_MODERATOR, help="Username deciding.")
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (not in production!)."
        )

    def handle(self, *args, slug, count, seed, days, moderator, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: this may be a real site. Add --force to run anyway.")
        if count < 1 or days < 1:
            raise CommandError("--count and --days must be at least 1.")
        letter = Letter.objects.filter(slug=slug).first()
        if letter is None:
            raise CommandError(f"No letter has the slug {slug!r}.")
        if not letter.is_open:
            raise CommandError(f"Signing on {slug!r} is {letter.signing_state()}, not open.")
        started = time.monotonic()
        # One line of progress, not the log: every signature logs its events and every
        # deleted email's task that it found nothing to send, thousands of lines that would
        # hide the result. Errors still show.
        logging.disable(logging.WARNING)
        try:
            signatures = demo_signatures_create(
                letter=letter,
                moderator=self._moderator(moderator),
                count=count,
                seed=seed,
                days=days,
                progress=self._progress,
            )
        finally:
            logging.disable(logging.NOTSET)
        elapsed = time.monotonic() - started
        self._line(f"Created {len(signatures)} demo signatures in {elapsed:.1f} s.", end="\n")

    def _progress(self, done, count):
        if done % 25 == 0 or done == count:
            self._line(f"Creating demo signatures: {done} of {count}", end="")

    def _line(self, text, *, end):
        """On a terminal the line is rewritten in place; elsewhere only the result is written."""
        if self.stdout.isatty():
            self.stdout.write(f"\r{text:<60}", ending=end)
            self.stdout.flush()
        elif end:
            self.stdout.write(text)

    def _moderator(self, username):
        user = get_user_model().objects.filter(username=username).first()
        if user is not None:
            return user
        if username != DEMO_MODERATOR:
            raise CommandError(f"No user is called {username!r}.")
        return moderator_create(
            username=DEMO_MODERATOR, email="demo-moderator@example.org", password=None
        )
