"""Seed the benchmark's letters: one with 1,000 approved signatories (and a few updates, as a
letter has once it is delivered), one with 50,000, an open one to sign during the run and one
open to the sign-on POSTs."""

import datetime

from django.utils import timezone

from letter.models import Letter, LetterUpdate
from signatories.models import Signature

COUNTRIES = ["KE", "FR", "AR", "JP", "FJ", "BR", "IN", "NG", "DE", "MX", "ZA", "PH", "US", "EG"]
SCOPES = ["local", "national", "regional", "international"]


# Updates on the letter page measured by wrk, so that its timeline is part of the measure.
UPDATES = {"bench-1000": 5}

LETTERS = {
    "bench-1000": 1000,
    "bench-50000": 50000,
    "bench-signing": 0,
    "bench-post": 0,
    "bench-launch": 0,  # signed through the front door (bench/front_door.py)
}
# The letters the public pages' rows read.
PAGE_LETTERS = ["bench-1000", "bench-50000"]


def seed(slugs=LETTERS):
    for slug in slugs:
        count = LETTERS[slug]
        letter = Letter.objects.create(
            slug=slug,
            title=f"Benchmark letter {slug}",
            recipient="The benchmark",
            summary="Organizations call for measurable speed",
            body="First paragraph.\n\nSecond paragraph.",
            date=datetime.date(2026, 1, 1),
            signing_opens_at=timezone.now() - datetime.timedelta(days=1),
        )
        add_approved(letter, count)
        LetterUpdate.objects.bulk_create(
            LetterUpdate(letter=letter, title=f"Update {n}", published_on=letter.date, body="News.")
            for n in range(UPDATES.get(slug, 0))
        )


def add_approved(letter, count, batch=5000):
    now = timezone.now()
    for start in range(0, count, batch):
        signatures = [_approved(letter, n, now) for n in range(start, min(start + batch, count))]
        Signature.objects.bulk_create(signatures)


def _approved(letter, n, now):
    signature = Signature(
        letter=letter,
        organization=f"Civil Society Organization {n:05d}",
        country=COUNTRIES[n % len(COUNTRIES)],
        scope=SCOPES[n % len(SCOPES)],
        website=f"https://cso{n}.example.org",
        contact_name=f"Contact {n}",
        email=f"contact{n}@cso{n}.example.org",
        consented_at=now,
        status=Signature.Status.APPROVED,
        confirmed_at=now,
        decided_at=now,
    )
    signature.derive_fields()
    return signature
