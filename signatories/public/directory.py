"""The directory of a letter's signatories: the named organizations, its filters, and the
region and country counts of its chart. An organization that asked not to be named is
never listed here (signatory_list.py counts it in its country's group), and a name search
only ever reads named ones. Nothing here writes."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django_countries.fields import Country

from letter.regions import OTHER, REGION_BY_CODE, REGION_LABELS, REGIONS
from signatories.hints import organization_key
from signatories.lookalikes import name_skeleton
from signatories.models import Signature

NAMED = Signature.Listing.NAMED
SCOPE_LABELS = dict(Signature.Scope.choices)


@dataclass(frozen=True)
class Entry:
    name: str  # "" when the organization is not named
    website: str  # "" when the organization is not named
    country: Country
    scope: str

    @property
    def scope_label(self):
        return SCOPE_LABELS.get(self.scope, self.scope)


def named_entries(signatures):
    """Entries for the approved signatures in `signatures` that agreed to be named, by name:
    the directory lists these; those not named are counted (signatory_list.py), never listed
    one by one, so that every page states the same figures."""
    rows = (
        signatures.named()
        .order_by("organization_key", "country", "pk")
        .values_list("organization", "website", "country", "scope")
    )
    return EntryList(rows)


class EntryList:
    """Turns value rows into Entries lazily, so that a Paginator can slice the query."""

    def __init__(self, rows):
        self.rows = rows

    def __len__(self):
        return self.rows.count()

    def count(self):
        return self.rows.count()

    def __getitem__(self, index):
        rows = self.rows[index]
        if isinstance(index, slice):
            return [_entry(row) for row in rows]
        return _entry(rows)

    def __iter__(self):
        return (_entry(row) for row in self.rows)


def _entry(row):
    name, website, code, scope = row
    return Entry(name=name, website=website, country=Country(code), scope=scope)


def filter_directory(signatures, *, query="", country="", region="", scope=""):
    """Narrow the letter's signatures for the directory. A name search only ever matches
    named organizations, so it cannot reveal that an unnamed one signed. A name matches as
    written or as it looks (its confusables skeleton), so a look-alike is found as well."""
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
    return signatures


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
