"""The directory of a letter's signatories: the named organizations, its filters, and the
region and country counts of its chart. An organization that asked not to be named is
never listed here (signatory_list.py counts it in its country's group), and a name search
only ever reads named ones. Nothing here writes."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django_countries.fields import Country

from letter.regions import OTHER, REGION_BY_CODE, REGION_LABELS, REGIONS
from signatories.hints import organization_key
from signatories.lookalikes import name_skeleton
from signatories.models import Answer, Signature

NAMED = Signature.Listing.NAMED
SCOPE_LABELS = dict(Signature.Scope.choices)


@dataclass(frozen=True)
class Entry:
    name: str  # "" when the organization is not named
    website: str  # "" when the organization is not named
    country: Country
    scope: str
    # (label, answer) to the letter's public questions; only ever a named one's.
    answers: tuple[tuple[str, str], ...] = ()

    @property
    def scope_label(self):
        return SCOPE_LABELS.get(self.scope, self.scope)


def named_entries(signatures, answers_of=None):
    """Entries for the approved signatures in `signatures` that agreed to be named, by name:
    the directory lists these; those not named are counted (signatory_list.py), never listed
    one by one, so that every page states the same figures. `answers_of(ids)` gives each
    listed signature's public answers ({id: [(label, answer)]}), read for a page at once."""
    rows = (
        signatures.named()
        .order_by("organization_key", "country", "pk")
        .values_list("pk", "organization", "website", "country", "scope")
    )
    return EntryList(rows, answers_of)


class EntryList:
    """Turns value rows into Entries lazily, so that a Paginator can slice the query."""

    def __init__(self, rows, answers_of=None):
        self.rows = rows
        self.answers_of = answers_of

    def __len__(self):
        return self.rows.count()

    def count(self):
        return self.rows.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        rows = list(self.rows[index])
        answers = self.answers_of([row[0] for row in rows]) if self.answers_of else {}
        return [_entry(row, answers.get(row[0], ())) for row in rows]

    def __iter__(self):
        return (_entry(row) for row in self.rows)


def _entry(row, answers=()):
    _pk, name, website, code, scope = row
    return Entry(
        name=name, website=website, country=Country(code), scope=scope, answers=tuple(answers)
    )


def filter_directory(signatures, *, query="", country="", region="", scope="", answer=""):
    """Narrow the letter's signatures for the directory. A name search only ever matches
    named organizations, so it cannot reveal that an unnamed one signed. A name matches as
    written or as it looks (its confusables skeleton), so a look-alike is found as well. An
    answer ("<question id>:<choice>", of a public question) matches named organizations
    only too: the answers of those not named are never shown, nor found."""
    if query:
        matches = Q(organization_key__contains=organization_key(query))
        if skeleton := name_skeleton(query):
            matches |= Q(organization_skeleton__contains=skeleton)
        signatures = signatures.filter(matches, listing=NAMED)
    if country:
        signatures = signatures.filter(country=country)
    if region:
        signatures = signatures.filter(country__in=countries_in(region))
    if scope:
        signatures = signatures.filter(scope=scope)
    if answer:
        signatures = signatures.filter(_gave(answer), listing=NAMED)
    return signatures


def _gave(answer):
    # A subquery rather than a join: an organization is listed, and counted, once however
    # many of its stored answers match.
    question_id, _, value = answer.partition(":")
    answers = Answer.objects.chosen(question_id, value)
    return Exists(answers.filter(signature=OuterRef("pk"), question__public=True))


def countries_in(region):
    return [code for code, name in REGION_BY_CODE.items() if name == region]


def region_and_country_counts(signatures):
    """[(region, count, [(country, count), ...]), ...] of the listed signatures, largest
    first; one grouped query."""
    per_country = signatures.listed().values_list("country").annotate(n=Count("pk"))
    regions = {}
    for code, n in per_country:
        regions.setdefault(REGION_BY_CODE.get(code, OTHER), []).append((Country(code), n))
    result = [
        (region, sum(n for _c, n in countries), sorted(countries, key=lambda c: -c[1]))
        for region, countries in regions.items()
    ]
    order = {name: i for i, name in enumerate((*REGIONS, OTHER))}
    result.sort(key=lambda r: (-r[1], order[r[0]]))
    return [(REGION_LABELS[region], total, countries) for region, total, countries in result]
