"""What is shown of the partners: who a link or embed names, and how many signatures each
brought. Counts only: nothing here reads contact data."""

from dataclasses import dataclass

from django.db.models import Count, Q

from signatories.models import Partner, Signature

# A partner's code as it may appear in a link: anything longer is no partner's.
CODE_MAX_LENGTH = Partner._meta.get_field("code").max_length


def partner_for_code(letter, code: str | None) -> Partner | None:
    """The letter's partner with this code, or None (no code, or one nobody has)."""
    if not code or len(code) > CODE_MAX_LENGTH:
        return None
    return Partner.objects.filter(letter=letter, code=code).first()


def all_partners() -> list[Partner]:
    return list(Partner.objects.order_by("name", "pk"))


def partner_for_secret(secret: str) -> Partner | None:
    if not secret or len(secret) > 64:
        return None
    return Partner.objects.select_related("letter").filter(secret=secret).first()


def clean_partner_code(value: str) -> str | None:
    """For the page cache: a code as links carry it, or None."""
    value = value.strip()
    if not value or len(value) > CODE_MAX_LENGTH:
        return None
    return value if all(c.isalnum() or c in "-_" for c in value) else None


@dataclass(frozen=True)
class PartnerCounts:
    partner: Partner | None  # None: the signatures no partner brought
    listed: int  # approved: on the letter
    awaiting: int  # confirmed, awaiting review
    total: int  # every signature credited, whatever its status


def partner_approved_count(partner: Partner) -> int:
    return partner.signatures.filter(status=Signature.Status.APPROVED).count()


def letter_listed_count(letter) -> int:
    return letter.signatures.filter(status=Signature.Status.APPROVED).count()


def partner_counts(partner: Partner) -> PartnerCounts:
    """A partner's own counts, in one query."""
    counts = partner.signatures.aggregate(**_COUNTS)
    return PartnerCounts(partner=partner, **counts)


_COUNTS = {
    "listed": Count("pk", filter=Q(status=Signature.Status.APPROVED)),
    "awaiting": Count("pk", filter=Q(status=Signature.Status.CONFIRMED)),
    "total": Count("pk"),
}


def counts_by_partner(letters) -> dict[int, list[PartnerCounts]]:
    """For each of these letters that has partners: each partner with its counts (those that
    brought none too), then the signatures no partner brought. Two queries at most, whatever
    the number of letters, partners and signatures."""
    partners = list(Partner.objects.filter(letter__in=letters).order_by("name", "pk"))
    if not partners:
        return {}
    letter_ids = {partner.letter_id for partner in partners}
    rows = {
        (row["letter"], row["partner"]): row
        for row in Signature.objects.filter(letter__in=letter_ids)
        .values("letter", "partner")
        .annotate(**_COUNTS)
        .order_by()
    }
    empty = {"listed": 0, "awaiting": 0, "total": 0}

    def counts(letter_id, pk):
        row = rows.get((letter_id, pk), empty)
        return {name: row[name] for name in empty}

    by_letter = {letter_id: [] for letter_id in letter_ids}
    for partner in partners:
        by_letter[partner.letter_id].append(
            PartnerCounts(partner=partner, **counts(partner.letter_id, partner.pk))
        )
    for letter_id, rows_of_letter in by_letter.items():
        rows_of_letter.append(PartnerCounts(partner=None, **counts(letter_id, None)))
    return by_letter
