"""The approved signatories of a letter as printed for delivery: by region, then country."""

import unicodedata
from dataclasses import dataclass
from itertools import groupby

from signatories.models import Signature

from .regions import OTHER, REGION_LABELS, REGIONS, region_of


@dataclass(frozen=True)
class DeliveryList:
    # [(region label, [(country, [signature, ...]), ...]), ...] in print order.
    regions: list
    organization_count: int
    country_count: int


def _alphabetical(text):
    # Accents and case aside, so "Côte d'Ivoire" sorts before "Croatia".
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def listed_signatures(letter):
    """The letter's approved signatures with only their public fields loaded, so that no
    contact data can reach a public template."""
    return (
        Signature.objects.public()
        .filter(letter=letter)
        .only("organization", "country", "scope", "website")
    )


def by_country(signatures):
    """[(country, [signature, ...]), ...] by country name, then organization name."""
    ordered = sorted(
        signatures,
        key=lambda s: (
            _alphabetical(s.country.name),
            s.country.code,
            _alphabetical(s.organization),
        ),
    )
    return [(group[0].country, group) for group in _groups_by_country(ordered)]


def _groups_by_country(ordered):
    for _code, group in groupby(ordered, key=lambda s: s.country.code):
        yield list(group)


def delivery_list(letter):
    """The letter's approved signatories in print order, with their totals."""
    countries = by_country(listed_signatures(letter))
    by_region = {region: [] for region in (*REGIONS, OTHER)}
    for country, group in countries:
        by_region[region_of(country.code)].append((country, group))
    return DeliveryList(
        regions=[(REGION_LABELS[r], countries) for r, countries in by_region.items() if countries],
        organization_count=sum(len(group) for _country, group in countries),
        country_count=sum(len(countries) for countries in by_region.values()),
    )
