"""Names for the demo signatures: an organization's name in its country's language, and the
website and email addresses made from it. A name in Cyrillic is transliterated, one in another
script carries its romanization (words.py); every letter reaches the address, accents folded
("Łódzka" is lodzka, "Köln" koeln), so nothing is dropped on the way."""

import re
import unicodedata

from signatories.demo.words import COUNTRIES, LANGUAGES, PEOPLE

# Cyrillic, letter by letter (lower case; capitals follow): Serbian as its own Latin alphabet
# writes it, Russian (and Kazakh place names) in the usual practical romanization.
SERBIAN_LATIN = "a b v g d đ e ž z i j k l lj m n nj o p r s t ć u f h c č dž š"
SERBIAN = dict(zip("абвгдђежзијклљмнњопрстћуфхцчџш", SERBIAN_LATIN.split(), strict=True))
RUSSIAN_LATIN = "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch y e yu ya"
RUSSIAN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщыэюя", RUSSIAN_LATIN.split(), strict=True))
RUSSIAN.update({"ъ": "", "ь": ""})
# Latin letters that Unicode does not decompose into a letter and an accent.
LATIN = {
    "ß": "ss",
    "ł": "l",
    "Ł": "L",
    "ø": "o",
    "Ø": "O",
    "æ": "ae",
    "œ": "oe",
    "đ": "d",
    "Đ": "D",
    "ı": "i",
}
# German spells its umlauts out where accents cannot go.
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
# Elision marks are not letters: "Women's" is womens.
APOSTROPHES = "'’ʼ"
# A DNS label holds 63 characters; the demo's other email domains add "-mail".
LONGEST_LABEL = 58


def split(word: str) -> tuple[str, str]:
    """'native|romanized' (or a Latin or Cyrillic word, its own romanization) as a pair."""
    native, _bar, romanized = word.partition("|")
    return native, romanized or native


def _cyrillic(char, table):
    lower = table.get(char.lower())
    if lower is None:
        return char
    return lower if char.islower() else lower.capitalize()


def romanize(text: str, language: str = "") -> str:
    """`text` in ASCII letters, every letter kept; ValueError for one it cannot write so."""
    if language == "de":
        text = "".join(UMLAUTS.get(char, char) for char in text)
    table = SERBIAN if language == "sr" else RUSSIAN
    text = "".join(LATIN.get(char, char) for char in (_cyrillic(c, table) for c in text))
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(char for char in decomposed if not unicodedata.combining(char))
    if not ascii_text.isascii():
        raise ValueError(f"No romanization for {text!r}: write it 'native|romanized'.")
    return ascii_text


def domain_label(romanized: str, language: str = "") -> str:
    """The website's label made from the whole name: 'Red de Derechos Humanos de Cusco' is
    red-de-derechos-humanos-de-cusco."""
    text = romanize(romanized, language).lower()
    text = "".join(char for char in text if char not in APOSTROPHES)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def organization_name(rng, country: str) -> tuple[str, str]:
    """(name as shown, its website's label) for an organization in `country`."""
    _region, language, cities = COUNTRIES[country]
    patterns, kinds, causes = LANGUAGES[language]
    for _attempt in range(20):
        pattern, kind, cause = (split(rng.choice(words)) for words in (patterns, kinds, causes))
        city = split(rng.choice(cities))
        native, romanized = (
            pattern[i].format(kind=kind[i], cause=cause[i], city=city[i]) for i in (0, 1)
        )
        label = domain_label(romanized, language)
        if len(label) <= LONGEST_LABEL:
            break
    return native, label


def city_name(rng, country: str, name: str = "") -> str:
    """A city of `country` that `name` does not already name (a branch's city)."""
    cities = [split(city)[0] for city in COUNTRIES[country][2]]
    return rng.choice([city for city in cities if city not in name] or cities)


def contact_person(rng, country: str) -> tuple[str, str]:
    """(contact name, the email's local part made from it)."""
    region, language, _cities = COUNTRIES[country]
    people = PEOPLE.get(f"{language}-{region}") or PEOPLE[language]
    first, last = (split(rng.choice(names.split())) for names in people)
    local = f"{domain_label(first[1], language)}.{domain_label(last[1], language)}"
    return f"{first[0]} {last[0]}", local
