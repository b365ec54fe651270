"""The public view of a letter's signatories: the listing, the directory's filters, the
region and country counts, and the list printed for delivery. An organization that asked
not to be named is listed as "an organization in <country>" (or not at all), and its name
and website are blanked in the database query itself, so no template, feed or export can
show them. Nothing here writes."""

import unicodedata
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Case, Count, F, Q, Value, When
from django_countries.fields import Country

from letter.regions import OTHER, REGION_BY_CODE, REGION_LABELS, REGIONS, region_of
from signatories.hints import organization_key
from signatories.lookalikes import name_skeleton
from signatories.models import Signature
from signatories.public.counts import approved_totals

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


def _named_only(field):
    return Case(When(listing=NAMED, then=F(field)), default=Value(""))


def listed_entries(signatures):
    """Entries for the listed (named or country-only) approved signatures in `signatures`,
    in directory order: named organizations alphabetically, then the unnamed by country."""
    rows = (
        signatures.listed()
        .annotate(
            public_name=_named_only("organization"),
            public_website=_named_only("website"),
            unnamed=Case(When(listing=NAMED, then=Value(0)), default=Value(1)),
            public_key=_named_only("organization_key"),
        )
        .order_by("unnamed", "public_key", "country", "pk")
        .values_list("public_name", "public_website", "country", "scope")
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


def _alphabetical(text):
    # Accents and case aside, so "Côte d'Ivoire" sorts before "Croatia".
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def by_country(entries):
    """[(country, [entry, ...]), ...] by country name; named organizations alphabetically
    within a country, then the unnamed."""
    ordered = sorted(
        entries,
        key=lambda e: (
            _alphabetical(e.country.name),
            e.country.code,
            not e.name,
            _alphabetical(e.name),
        ),
    )
    return [
        (group[0].country, group)
        for group in (list(g) for _code, g in groupby(ordered, key=lambda e: e.country.code))
    ]


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


@dataclass(frozen=True)
class RegionGroup:
    label: str
    countries: list  # [(country, [entry, ...]), ...]

    @property
    def entry_count(self):
        return sum(len(entries) for _country, entries in self.countries)


def by_region(countries):
    """by_country's groups under their regions, in the regions' fixed order."""
    grouped = {region: [] for region in (*REGIONS, OTHER)}
    for country, entries in countries:
        grouped[region_of(country.code)].append((country, entries))
    return [RegionGroup(REGION_LABELS[r], group) for r, group in grouped.items() if group]


@dataclass(frozen=True)
class DeliveryList:
    # [(region label, [(country, [entry, ...]), ...]), ...] in print order.
    regions: list
    organization_count: int  # every approved signature, listed or counted only
    country_count: int  # countries of every approved signature, as the headline counts them
    unlisted_count: int


def delivery_list(letter):
    """The letter's listed signatories in print order, with their totals."""
    countries = by_country(listed_entries(letter.signatures.all()))
    totals = approved_totals(letter)
    listed = sum(len(group) for _country, group in countries)
    return DeliveryList(
        regions=[(region.label, region.countries) for region in by_region(countries)],
        organization_count=totals.count,
        country_count=totals.countries,
        unlisted_count=max(totals.count - listed, 0),
    )


@dataclass(frozen=True)
class ListingTotals:
    named: int  # listed by name
    unnamed: int  # listed as "an organization in <country>", or not listed at all


def listing_totals(letter):
    """How many of the letter's approved signatories are named, and how many are not; the
    two add up to the count the headline states."""
    totals = approved_totals(letter)
    return ListingTotals(named=totals.named, unnamed=totals.count - totals.named)
