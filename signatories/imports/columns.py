"""How a spreadsheet's columns and values map to a signature's fields: headers as coalitions
write them in English, French, Spanish and Arabic ("Organisation", "Pays", "País", "الدولة"),
countries as ISO codes or as their names in those languages, scopes and listings by their
labels, the contact's language by its code or its name in those languages ("fr", "French",
"Français", "العربية"). Text is compared folded: case, accents, Arabic vowel marks and
punctuation aside."""

import re
import unicodedata
from functools import cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info
from django_countries import countries

from signatories.models import Signature

LANGUAGES = ("en", "fr", "es", "ar")
# The fields a column may fill, in the order the preview shows them.
FIELDS = (
    "organization", "country", "scope", "website", "listing", "contact_name", "email", "language",
)  # fmt: skip

HEADER_ALIASES = {
    "organization": [
        "organization", "organisation", "organization name", "organisation name", "name",
        "org", "ngo", "signatory", "nom de l organisation", "nom", "structure", "association",
        "organizacion", "nombre de la organizacion", "nombre", "entidad", "المنظمة",
        "اسم المنظمة", "الجهة", "الاسم",
    ],
    "country": ["country", "pays", "pais", "nation", "البلد", "الدولة", "بلد"],
    "scope": [
        "scope", "scope of work", "level", "portee", "echelle", "niveau", "alcance", "ambito",
        "nivel", "النطاق", "نطاق العمل", "المستوى",
    ],
    "website": [
        "website", "web site", "web", "url", "site", "site web", "site internet", "sitio web",
        "pagina web", "الموقع", "الموقع الإلكتروني", "موقع",
    ],
    "listing": [
        "listing", "listed", "list", "publish", "public", "affichage", "liste", "publier",
        "listado", "publicar", "mostrar", "النشر", "الإدراج", "نشر",
    ],
    "contact_name": [
        "contact name", "contact", "contact person", "your name", "nom du contact",
        "personne de contact", "contacto", "nombre del contacto", "persona de contacto",
        "جهة الاتصال", "اسم جهة الاتصال", "الشخص المسؤول",
    ],
    "email": [
        "email", "e-mail", "email address", "mail", "courriel", "adresse e-mail",
        "adresse email", "correo", "correo electronico", "البريد الإلكتروني", "البريد",
        "بريد إلكتروني",
    ],
    "language": [
        "language", "lang", "preferred language", "language of correspondence", "langue",
        "langue preferee", "langue de correspondance", "idioma", "idioma preferido", "lengua",
        "اللغة", "لغة", "اللغة المفضلة", "لغة التواصل",
    ],
}  # fmt: skip

# Listing answers a spreadsheet may hold beside the labels: "yes" is named, "no" unlisted.
_YES = ["yes", "y", "oui", "si", "نعم", "x", "1", "true"]
_NO = ["no", "n", "non", "لا", "0", "false"]


def fold(text) -> str:
    """Text as compared: no case, accents, Arabic marks, tatweel or punctuation."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold().replace("\u0640", ""))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", kept).split())


@cache
def _headers():
    return {fold(alias): field for field, aliases in HEADER_ALIASES.items() for alias in aliases}


def mapping_guess(header) -> dict:
    """Column index (as a string) -> field, for each header that names a field; a field is
    given to its first column only."""
    mapping, taken = {}, set()
    for index, name in enumerate(header):
        field = _headers().get(fold(name))
        if field and field not in taken:
            mapping[str(index)] = field
            taken.add(field)
    return mapping


@cache
def _country_names():
    names = {}
    for language in LANGUAGES:
        with translation.override(language):
            for code, name in countries:
                names.setdefault(fold(name), code)
    for code, _name in countries:
        names.setdefault(fold(code), code)
        names.setdefault(fold(countries.alpha3(code)), code)
    return names


def country_code(text) -> str:
    """The ISO code of a country given by code or name in one of LANGUAGES, or ""."""
    return _country_names().get(fold(text), "")


@cache
def _choice_labels(field):
    choices = Signature._meta.get_field(field).choices
    labels = {}
    for language in LANGUAGES:
        with translation.override(language):
            for value, label in choices:
                labels.setdefault(fold(label), value)
    for value, _label in choices:
        labels[fold(value)] = value
    if field == "listing":
        labels.update(dict.fromkeys(map(fold, _YES), Signature.Listing.NAMED))
        labels.update(dict.fromkeys(map(fold, _NO), Signature.Listing.UNLISTED))
    return labels


def choice_value(field, text) -> str:
    """The stored value of a scope or listing given by its value or label, or ""."""
    return _choice_labels(field).get(fold(text), "")


# Names of the site's languages that Django's own translations of them may not give: the
# adjectives and the ISO 639-2 codes spreadsheets also use.
_LANGUAGE_ALIASES = {
    "en": ["eng", "anglais", "ingles", "الإنجليزية", "الانجليزية", "إنجليزي", "انجليزي"],
    "fr": ["fra", "fre", "francais", "frances", "الفرنسية", "فرنسي", "فرنسية"],
    "es": ["spa", "espagnol", "espanol", "castellano", "الإسبانية", "إسباني", "اسباني"],
    "ar": ["ara", "arabe", "العربية", "عربي", "عربية"],
}


@cache
def _language_names():
    """Folded name -> code, for each of the site's languages: its code, its own name, and
    its name in each of the site's languages."""
    codes = [code for code, _name in settings.LANGUAGES]
    names = {}
    for code, own_name in settings.LANGUAGES:
        info = get_language_info(code)
        known = [code, own_name, info["name"], info["name_local"], *_LANGUAGE_ALIASES.get(code, [])]
        for reader in codes:
            with translation.override(reader):
                known.append(translation.gettext(info["name"]))
        names.update(dict.fromkeys(map(fold, known), code))
    return names


def language_code(text) -> str:
    """The code of one of the site's LANGUAGES given by its code ("fr", "fr-CA", "fra") or
    its name in one of them ("French", "Français", "Francés", "الفرنسية"), or ""."""
    folded = fold(text)
    names = _language_names()
    # A regional variant ("fr-CA", "fr_FR", "Spanish (Mexico)") is its language.
    return names.get(folded) or names.get(re.split(r"[ _]", folded)[0], "")
