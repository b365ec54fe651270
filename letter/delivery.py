"""The approved signatories of a letter as printed for delivery: by region, then country."""

from dataclasses import dataclass

from .listing import by_country, listed_entries
from .publication import approved_count
from .regions import OTHER, REGION_LABELS, REGIONS, region_of


@dataclass(frozen=True)
class DeliveryList:
    # [(region label, [(country, [entry, ...]), ...]), ...] in print order.
    regions: list
    organization_count: int  # every approved signature, listed or counted only
    country_count: int  # countries of the listed ones
    unlisted_count: int


def delivery_list(letter):
    """The letter's listed signatories in print order, with their totals."""
    countries = by_country(listed_entries(letter.signatures.all()))
    by_region = {region: [] for region in (*REGIONS, OTHER)}
    for country, group in countries:
        by_region[region_of(country.code)].append((country, group))
    total = approved_count(letter)
    listed = sum(len(group) for _country, group in countries)
    return DeliveryList(
        regions=[(REGION_LABELS[r], countries) for r, countries in by_region.items() if countries],
        organization_count=total,
        country_count=len(countries),
        unlisted_count=max(total - listed, 0),
    )
