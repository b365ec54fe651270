"""What the public may give as a website or an email address. A website is shown as a link
and compared with the email's domain, so it must name one host that a browser and this app
read the same way; an email must be at a domain name we can send to."""

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

from disarm import detect_scripts
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from signatories import hints

WEBSITE_SCHEMES = ("http", "https")
_NUMERIC_LABEL = re.compile(r"[0-9]+|0x[0-9a-f]*")


def validate_website_text(value):
    """Refuse, before any parsing, what parsers disagree on: a browser reads a backslash as
    a slash, and Python's parser silently drops tabs and newlines."""
    if any(_is_invisible(c) for c in value):
        raise ValidationError(
            _("Remove the spaces and invisible characters from the website address."),
            code="website_whitespace",
        )
    if "\\" in value:
        raise ValidationError(
            _("Use forward slashes (/) in the website address, not backslashes (\\)."),
            code="website_backslash",
        )


def validate_website(value):
    """The parts of a normalised http(s) URL: one named host, nothing that may hide another."""
    parts = urlsplit(value)
    if parts.scheme.lower() not in WEBSITE_SCHEMES:
        raise ValidationError(
            _("Enter a website address that starts with https:// or http://."),
            code="website_scheme",
        )
    if "@" in parts.netloc:
        raise ValidationError(
            _(
                "Enter the website address without a user name or password: remove "
                "everything between “//” and “@”."
            ),
            code="website_userinfo",
        )
    # An organization's site is on the standard port; another port only adds a way to make
    # a familiar name lead somewhere else.
    if parts.netloc.rpartition("]")[2].count(":"):
        raise ValidationError(
            _("Remove the port number (such as “:8080”) from the website address."),
            code="website_port",
        )
    if not _is_domain_name(parts.hostname or ""):
        raise ValidationError(
            _("Enter the website's domain name, such as https://ngo.org, not an IP address."),
            code="website_host",
        )


# Names reserved for special uses (IANA's Special-Use Domain Names registry and ICANN's
# reservation of .internal): no mail to them leaves a private network or reaches anyone.
# Those the Public Suffix List knows ("arpa", "onion") would otherwise pass; the others it
# does not know, and are refused as unknown suffixes too.
SPECIAL_USE_SUFFIXES = frozenset(
    {"alt", "arpa", "example", "internal", "invalid", "local", "localhost", "onion", "test"}
)


def validate_public_email(value):
    """An address at a registrable domain name under a public suffix: not at an IP address,
    a local name, a special-use name (host.local, corp.internal) or a suffix itself."""
    domain = value.rpartition("@")[2]
    if not _is_domain_name(domain) or not _is_public_domain(hints.normalise_host(domain)):
        raise ValidationError(
            _("Enter an email address at a domain name, such as name@ngo.org."),
            code="email_domain",
        )


# Drawn as nothing, though neither controls nor formats: Hangul fillers, the combining
# grapheme joiner, Khmer inherent vowels and Mongolian selectors.
_BLANK_LETTERS = frozenset(
    "\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f"
)
# The zero-width non-joiner and joiner, which Persian, Arabic and the Indic scripts need
# between two of their letters; between Latin, Greek or Cyrillic letters they only hide.
_JOINERS = "\u200c\u200d"
_SCRIPTS_WITHOUT_JOINERS = frozenset({"Latin", "Greek", "Cyrillic", "Common", "Inherited"})


def validate_visible_text(value):
    """Refuse what a signer's text may hide: characters that draw nothing (a zero-width
    space, a word joiner) and those that change the direction text is shown in (a
    right-to-left override), by which "Inter\u200bnational" or a name typed backwards reads
    like another organization's while it is stored, searched and compared as other text.
    Spaces, tabs and line breaks are not refused: the forms make them single spaces."""
    if any(_is_hidden(value, i) for i in range(len(value))):
        raise ValidationError(
            _(
                "Remove the invisible characters (such as zero-width spaces) and the "
                "text-direction marks from this field: type or paste it as plain text."
            ),
            code="invisible_characters",
        )


def visible_text(value):
    """`value` without what validate_visible_text refuses, for text stored before it did."""
    return "".join(c for i, c in enumerate(value) if not _is_hidden(value, i))


def _is_hidden(value, i):
    char = value[i]
    if char in _JOINERS:
        return not _joins_letters(value[i - 1 : i] + value[i + 1 : i + 2])
    if char in _BLANK_LETTERS:
        return True
    return char not in "\t\n\r" and unicodedata.category(char) in ("Cc", "Cf", "Co")


def _joins_letters(neighbours):
    return len(neighbours) == 2 and all(
        unicodedata.category(c)[0] in "LM"
        and not {script.value for script in detect_scripts(c)} & _SCRIPTS_WITHOUT_JOINERS
        for c in neighbours
    )


def _is_public_domain(host):
    """Registrable under a suffix the Public Suffix List knows, and not special-use."""
    if host.rsplit(".", 1)[-1] in SPECIAL_USE_SUFFIXES:
        return False
    return hints.PUBLIC_SUFFIXES.privatesuffix(host, accept_unknown=False) is not None


def _is_invisible(char):
    # Whitespace and control or formatting characters (including bidirectional overrides,
    # which can make an address read differently from where it leads).
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def _is_domain_name(host):
    """A dotted name whose last label is not a number: browsers read "1.2.3.4",
    "0x7f.1" and "[::1]" as IP addresses."""
    host = hints.normalise_host(host)
    if not host or "." not in host or host.startswith("["):
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return False
    return not _NUMERIC_LABEL.fullmatch(host.rsplit(".", 1)[1])
