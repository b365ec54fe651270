"""Columns and values matched in English, French, Spanish and Arabic."""

import pytest

from signatories.imports.columns import choice_value, country_code, language_code, mapping_guess


def test_headers_in_four_languages_are_matched():
    assert mapping_guess(["Organisation", "Pays", "Portée", "Site web", "Courriel"]) == {
        "0": "organization", "1": "country", "2": "scope", "3": "website", "4": "email",
    }  # fmt: skip
    assert mapping_guess(["ORGANIZACIÓN", "País", "Alcance", "Correo electrónico"]) == {
        "0": "organization", "1": "country", "2": "scope", "3": "email",
    }  # fmt: skip
    assert mapping_guess(["المنظمة", "البلد", "البريد الإلكتروني", "Notes"]) == {
        "0": "organization", "1": "country", "2": "email",
    }  # fmt: skip


def test_a_field_goes_to_its_first_column_only():
    assert mapping_guess(["Name", "Organisation"]) == {"0": "organization"}


@pytest.mark.parametrize(
    "given, code",
    [
        ("KE", "KE"), ("ken", "KE"), ("Kenya", "KE"), ("côte d'ivoire", "CI"),
        ("Allemagne", "DE"), ("Alemania", "DE"), ("ألمانيا", "DE"), ("المغرب", "MA"),
        ("Maroc", "MA"), ("Marruecos", "MA"), ("Estados Unidos", "US"), ("Atlantis", ""),
    ],
)  # fmt: skip
def test_country_names_in_four_languages_and_iso_codes(given, code):
    assert country_code(given) == code


def test_scopes_and_listing_by_their_labels():
    assert choice_value("scope", "Nationale") == "national"
    assert choice_value("scope", "Internacional") == "international"
    assert choice_value("scope", "LOCAL") == "local"
    assert choice_value("listing", "oui") == "named"
    assert choice_value("listing", "no") == "unlisted"
    assert choice_value("scope", "galactic") == ""


@pytest.mark.parametrize(
    "header", ["Language", "Langue", "Idioma", "اللغة", "LANGUE PRÉFÉRÉE", "Preferred language"]
)
def test_a_language_column_is_matched_in_four_languages(header):
    assert mapping_guess(["Organisation", header]) == {"0": "organization", "1": "language"}


@pytest.mark.parametrize(
    "given, code",
    [
        ("fr", "fr"), ("FR-ca", "fr"), ("fr_FR", "fr"), ("fra", "fr"), ("French", "fr"),
        ("Français", "fr"), ("francais", "fr"), ("Francés", "fr"), ("الفرنسية", "fr"),
        ("ar", "ar"), ("Arabic", "ar"), ("Arabe", "ar"), ("Árabe", "ar"), ("العربية", "ar"),
        ("عربي", "ar"), ("Spanish (Mexico)", "es"), ("Español", "es"), ("Espagnol", "es"),
        ("الإسبانية", "es"), ("en", "en"), ("English", "en"), ("Anglais", "en"),
        ("Inglés", "en"), ("الإنجليزية", "en"), ("German", ""), ("Deutsch", ""), ("x", ""),
    ],
)  # fmt: skip
def test_languages_by_code_or_name_in_four_languages(given, code):
    assert language_code(given) == code
