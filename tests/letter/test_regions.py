from importlib.util import find_spec

import pytest
from django_countries import countries
from django_countries.fields import Country

from letter.management.commands.generate_regions import REGIONS_FILE, regions_source
from letter.regions import OTHER, REGION_BY_CODE, REGION_LABELS, REGIONS, region_of


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("KE", "Africa"),
        ("MX", "Americas"),
        ("FR", "Europe"),
        ("JP", "Asia"),
        ("FJ", "Oceania"),
        ("TR", "Asia"),
        ("RU", "Europe"),
        ("CY", "Asia"),  # M49 puts Cyprus in Western Asia
        ("GB", "Europe"),
        ("GR", "Europe"),
        ("XK", "Europe"),
    ],
)
def test_region_of_follows_m49(code, region):
    assert region_of(code) == region


def test_region_of_accepts_lower_case_and_country_objects():
    assert region_of("ke") == "Africa"
    assert region_of(Country("KE")) == "Africa"  # what Signature.country holds


def test_unknown_codes_and_antarctica_are_other():
    assert region_of("ZZ") == OTHER
    assert region_of("") == OTHER
    assert region_of("AQ") == OTHER


def test_every_country_django_countries_knows_has_an_m49_region_but_antarctica():
    without_region = {country.code for country in countries if region_of(country.code) == OTHER}
    assert without_region == {"AQ"}
    assert len(countries) > 240


def test_the_mapping_uses_only_the_five_regions_and_each_has_a_label():
    assert set(REGION_BY_CODE.values()) == set(REGIONS)
    assert set(REGION_LABELS) == {*REGIONS, OTHER}


@pytest.mark.skipif(
    find_spec("country_converter") is None,
    reason="country_converter, the table's source, is a test extra: pip install -e '.[test]'",
)
def test_the_table_is_what_generate_regions_writes():
    current = REGIONS_FILE.read_text(encoding="utf-8")
    assert regions_source(current) == current, "run: python manage.py generate_regions"
