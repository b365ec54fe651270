"""Who signed, as the letter page and the printable letter show it: every named organization,
grouped by UN region then country, each group with its count; the organizations listed as
"an organization in <country>" only counted in their country's group, never one by one; and
those that asked not to be listed at all only in one total, without a country. The lead
signatories (the letter's initiators, marked by a moderator) come first.

Two queries whatever the number of signatories (the named ones, and the country-only ones
counted per country), plus the cached totals; nothing here writes."""

import unicodedata
from dataclasses import dataclass
from functools import cache

from django.db.models import Count
from django_countries.fields import Country

from letter.regions import OTHER, REGION_LABELS, REGIONS, region_of
from signatories.models import Signature
from signatories.public.counts import Totals, approved_totals


@dataclass(frozen=True)
class Named:
    name: str
    website: str
    country: Country


@dataclass(frozen=True)
class CountryGroup:
    country: Country
    named: list  # [Named, ...] by name
    unnamed: int  # listed as "an organization in <country>": counted here only

    @property
    def count(self):
        return len(self.named) + self.unnamed


@dataclass(frozen=True)
class RegionGroup:
    label: str
    countries: list  # [CountryGroup, ...] by country name

    @property
    def count(self):
        return sum(group.count for group in self.countries)


@dataclass(frozen=True)
class SignatoryList:
    totals: Totals
    leads: list  # [Named, ...]: shown first
    regions: list  # [RegionGroup, ...] in the regions' fixed order
    unlisted: int  # asked not to be listed at all: in no group, counted in the totals

    @property
    def named(self):
        return self.totals.named

    @property
    def unnamed(self):
        return self.totals.unnamed


def _alphabetical(text):
    # Accents and case aside, so "Côte d'Ivoire" sorts before "Croatia".
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def _country(code):
    return Country(code)


def signatory_list(letter) -> SignatoryList:
    """The approved signatories of `letter` (anything with pk and public_version), grouped."""
    approved = Signature.objects.public().filter(letter_id=letter.pk)
    named_rows = (
        approved.filter(listing=Signature.Listing.NAMED)
        .order_by("organization_key", "pk")
        .values_list("organization", "website", "country", "lead")
    )
    by_code, leads = {}, []
    for name, website, code, lead in named_rows:
        entry = Named(name=name, website=website, country=_country(code))
        by_code.setdefault(code, ([], [0]))[0].append(entry)
        if lead:
            leads.append(entry)
    country_only = (
        approved.filter(listing=Signature.Listing.COUNTRY_ONLY)
        .values_list("country")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for code, n in country_only:
        by_code.setdefault(code, ([], [0]))[1][0] = n
    totals = approved_totals(letter)
    return SignatoryList(
        totals=totals,
        leads=leads,
        regions=_regions(by_code),
        unlisted=max(totals.count - sum(len(n) + u[0] for n, u in by_code.values()), 0),
    )


def _regions(by_code):
    grouped = {region: [] for region in (*REGIONS, OTHER)}
    for code, (named, unnamed) in by_code.items():
        group = CountryGroup(country=_country(code), named=named, unnamed=unnamed[0])
        grouped[region_of(code)].append(group)
    return [
        RegionGroup(
            label=REGION_LABELS[region],
            countries=sorted(groups, key=lambda g: (_alphabetical(g.country.name), g.country.code)),
        )
        for region, groups in grouped.items()
        if groups
    ]
