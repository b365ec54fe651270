"""Demo signatures for trying the admin: realistic, varied, made through the services so that
every hint is derived as for a real signature, and never emailed.

Organizations are named in their country's language and script, after one of its cities
(names.py, words.py). Every address and website is under RFC 2606's reserved `.invalid`
(webmail at `webmail.invalid`, which the hints count as webmail): the outbox owes no email to
such an address, so approving or rejecting a demo signature later sends nothing. The emails
the services owe while the demo is made are deleted in the same transaction, so none is ever
attempted: a worker handed one finds nothing to send."""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from signatories.abuse.bots import HONEYPOT_REASON
from signatories.demo.names import city_name, contact_person, organization_name
from signatories.demo.words import COUNTRIES, SIGNER_LANGUAGE
from signatories.models import Notification, Signature, SignatureEvent
from signatories.moderation import review
from signatories.signing import services

DEMO_TLD = "invalid"
WEBMAIL_DEMO_DOMAIN = f"webmail.{DEMO_TLD}"
COUNTRIES_BY_REGION = {}
for _code, (_region, _language, _cities) in COUNTRIES.items():
    COUNTRIES_BY_REGION.setdefault(_region, []).append(_code)

Status = Signature.Status
# Approved, but added by a moderator from a paper form.
ADDED = "added"
# How the demo's signatures end up, as shares of the count: most await review.
STATUS_SHARES = {
    Status.CONFIRMED: 0.50,
    Status.UNCONFIRMED: 0.12,
    Status.APPROVED: 0.18,
    ADDED: 0.03,
    Status.REJECTED: 0.07,
    Status.WITHDRAWN: 0.05,
    Status.BLOCKED: 0.05,
}
LISTINGS = (
    [Signature.Listing.NAMED] * 16
    + [Signature.Listing.COUNTRY_ONLY] * 3
    + [Signature.Listing.UNLISTED] * 2
)
REJECTION_REASONS = [
    "We could not verify that this organization exists.",
    "The email address does not belong to the organization.",
    "This organization has already signed.",
]


@dataclass
class Entry:
    """One demo signature as planned: what is submitted and what happens to it when."""

    fields: dict
    outcome: str
    submitted_at: object
    confirmed_at: object = None
    decided_at: object = None
    withdrawn_at: object = None


def statuses_for(count, rng):
    """`count` outcomes in the STATUS_SHARES proportions (each at least once from 7 up)."""
    minimum = 1 if count >= len(STATUS_SHARES) else 0
    planned = {name: max(minimum, int(count * share)) for name, share in STATUS_SHARES.items()}
    planned[Status.CONFIRMED] += count - sum(planned.values())
    outcomes = [name for name, number in planned.items() for _ in range(number)]
    rng.shuffle(outcomes)
    return outcomes


def near_duplicate(name, rng):
    """Another spelling of `name` that the duplicate hint folds to the same key."""
    # Spaced and punctuated apart too ("A  B." is "A B." once a form has normalised it).
    variants = [name.upper(), name + ".", name.lower()]
    if name.isascii():
        variants.append(f"The {name}")
    return rng.choice(variants)


class Planner:
    """Plans demo signatures deterministically from a seeded random generator."""

    def __init__(self, *, count, seed, days, now, existing=()):
        """`existing`: (email, organization) of the letter's signatures, not to repeat."""
        self.rng = random.Random(seed)
        self.count, self.days, self.now = count, days, now
        self.taken = {email.lower() for email, _name in existing}
        self.names = {name for _email, name in existing}
        self.planned = []

    def plan(self):
        regions = list(COUNTRIES_BY_REGION)
        scopes = list(Signature.Scope.values)
        for n, outcome in enumerate(statuses_for(self.count, self.rng)):
            region, scope = regions[n % len(regions)], scopes[n // len(regions) % len(scopes)]
            fields = self._fields(n, region, scope)
            self.planned.append(Entry(fields=fields, outcome=outcome, **self._times(outcome)))
        return self.planned

    def _fields(self, n, region, scope):
        rng = self.rng
        country = rng.choice(COUNTRIES_BY_REGION[region])
        # Some signatures look like another one: a second form from the same organization
        # (same name, spelt differently) or from one of its branches (same domains).
        if self.planned and n % 17 == 5:
            other = rng.choice(self.planned).fields
            name, site = near_duplicate(other["organization"], rng), other["_site"]
            country = other["country"]
        elif self.planned and n % 23 == 7:
            other = rng.choice(self.planned).fields
            site, country = other["_site"], other["country"]
            name = f"{other['organization']} – {city_name(rng, country, other['organization'])}"
        else:
            name, label = self._new_name(country)
            site = f"{label}.{DEMO_TLD}"
        website, mail_domain = self._domains(n, site)
        contact_name, local = contact_person(rng, country)
        return {
            "organization": name,
            "country": country,
            "scope": scope,
            "website": website,
            "listing": rng.choice(LISTINGS),
            "contact_name": contact_name,
            "email": self._unique_email(local, mail_domain),
            "language": SIGNER_LANGUAGE.get(COUNTRIES[country][1], "en"),
            "_site": site,
        }

    def _new_name(self, country):
        """A name no earlier demo signature has, as far as the word lists allow: only the
        planned near-duplicates should look alike. Returns (name, website label)."""
        for _attempt in range(20):
            name, label = organization_name(self.rng, country)
            if name not in self.names:
                break
        self.names.add(name)
        return name, label

    def _domains(self, n, site):
        """Mostly an address at the website's domain; some webmail, some elsewhere, some
        without a website."""
        kind = n % 10
        if kind == 3:
            return f"https://www.{site}/", WEBMAIL_DEMO_DOMAIN
        if kind == 6:
            return f"https://{site}/", f"{site.split('.')[0]}-mail.{DEMO_TLD}"
        if n % 20 == 8:
            return "", site
        return f"https://www.{site}/" if n % 2 else f"https://{site}", site

    def _unique_email(self, local, domain):
        email, number = f"{local}@{domain}", 1
        while email.lower() in self.taken:
            number += 1
            email = f"{local}{number}@{domain}"
        self.taken.add(email.lower())
        return email

    def _times(self, outcome):
        rng, now = self.rng, self.now
        submitted = now - timedelta(days=rng.uniform(0, self.days))
        if outcome in (Status.UNCONFIRMED, Status.BLOCKED):
            return {"submitted_at": submitted}
        if outcome == ADDED:
            return {"submitted_at": submitted, "confirmed_at": submitted, "decided_at": submitted}
        confirmed = min(now, submitted + timedelta(minutes=rng.expovariate(1 / 90)))
        times = {"submitted_at": submitted, "confirmed_at": confirmed}
        if outcome in (Status.APPROVED, Status.REJECTED, Status.WITHDRAWN):
            decided = min(now, confirmed + timedelta(hours=rng.expovariate(1 / 30)))
            times["decided_at"] = decided
            if outcome == Status.WITHDRAWN:
                times["withdrawn_at"] = decided + (now - decided) * rng.random()
        return times


@transaction.atomic
def demo_signatures_create(
    *, letter, moderator, count: int, seed: int = 1, days: int = 30, progress=None
):
    """Create `count` demo signatures on `letter` through the services, then date them over
    the last `days` days and delete the emails they owe. Returns the signatures.
    `progress(done, count)`, if given, is called after each signature."""
    now = timezone.now()
    existing = Signature.objects.filter(letter=letter).values_list("email", "organization")
    entries = Planner(count=count, seed=seed, days=days, now=now, existing=existing).plan()
    signatures = []
    for entry in entries:
        signatures.append(_create(entry, letter=letter, moderator=moderator))
        if progress is not None:
            progress(len(signatures), count)
    _date(signatures, entries)
    Notification.objects.filter(signature__in=signatures).delete()
    return signatures


def _create(entry, *, letter, moderator):
    fields = {k: v for k, v in entry.fields.items() if not k.startswith("_")}
    if entry.outcome == ADDED:
        del fields["language"]
        return services.signature_add_by_moderator(letter=letter, moderator=moderator, **fields)
    bot = HONEYPOT_REASON if entry.outcome == Status.BLOCKED else ""
    signature = services.signature_submit(letter=letter, bot_reason=bot, **fields)
    if entry.outcome in (Status.UNCONFIRMED, Status.BLOCKED):
        return signature
    signature = services.signature_confirm(signature=signature)
    if entry.outcome in (Status.APPROVED, Status.WITHDRAWN):
        signature = review.signature_approve(signature=signature, moderator=moderator)
    elif entry.outcome == Status.REJECTED:
        reason = REJECTION_REASONS[signature.pk % len(REJECTION_REASONS)]
        signature = review.signature_reject(signature=signature, moderator=moderator, reason=reason)
    if entry.outcome == Status.WITHDRAWN:
        signature = services.signature_withdraw(signature=signature)
    return signature


# The time of each event: the moment of the step it records.
EVENT_TIME = {
    SignatureEvent.Action.SUBMITTED: "submitted_at",
    SignatureEvent.Action.BLOCKED: "submitted_at",
    SignatureEvent.Action.ADDED: "submitted_at",
    SignatureEvent.Action.CONFIRMED: "confirmed_at",
    SignatureEvent.Action.APPROVED: "decided_at",
    SignatureEvent.Action.REJECTED: "decided_at",
    SignatureEvent.Action.WITHDRAWN: "withdrawn_at",
}


def _date(signatures, entries):
    """Spread the signatures over the past, as if submitted and reviewed day after day; the
    services stamp everything `now`. A few bulk updates, whatever the count."""
    entry_by_pk = {}
    for signature, entry in zip(signatures, entries, strict=True):
        entry_by_pk[signature.pk] = entry
        signature.created_at = signature.consented_at = entry.submitted_at
        signature.confirmed_at = entry.confirmed_at
        signature.decided_at = entry.decided_at
        signature.withdrawn_at = entry.withdrawn_at
    Signature.objects.bulk_update(
        signatures,
        ["created_at", "consented_at", "confirmed_at", "decided_at", "withdrawn_at"],
        batch_size=500,
    )
    events = list(SignatureEvent.objects.filter(signature__in=signatures))
    for event in events:
        event.at = getattr(entry_by_pk[event.signature_id], EVENT_TIME[event.action])
    SignatureEvent.objects.bulk_update(events, ["at"], batch_size=500)
