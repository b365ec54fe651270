"""Hints for moderators about impersonation and duplicates: how an organization's name,
email domain and website domain compare with each other and with other signatures.

Domains are compared by their registrable part ("ngo.org" for "mail.ngo.org", "bbc.co.uk"
for "www.bbc.co.uk"), found with the Public Suffix List that the publicsuffixlist package
ships: read from the installed package, never fetched, so a new list comes with an upgrade."""

import contextlib
import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _
from publicsuffixlist import PSLFILE, PublicSuffixList


class DomainCheck(TextChoices):
    """How the email's domain compares with the website's: stored with each signature."""

    MATCH = "match", _("Email domain matches website")
    MISMATCH = "mismatch", _("Email domain differs from website")
    WEBMAIL = "webmail", _("Webmail address")
    NO_WEBSITE = "no_website", _("No website given")
    NO_EMAIL = "no_email", _("No email")


# How an email and a website compare when the comparison should give a moderator pause. No
# email at all is no warning: only a moderator enters a signature without one.
DOMAIN_WARNINGS = frozenset({DomainCheck.MISMATCH, DomainCheck.WEBMAIL, DomainCheck.NO_WEBSITE})


@dataclass(frozen=True)
class DuplicateHint:
    """What another signature on the same letter may share with one: a stored field. A
    webmail domain says nothing about the organization, so a hint may ignore it."""

    field: str
    label: str
    ignores_webmail: bool = False
    # A field whose equal values another hint already reports: the hint then says nothing.
    unless_same: str = ""


# Name (the review queue's annotation and filter value) -> the hint.
DUPLICATE_HINTS = {
    "same_name": DuplicateHint("organization_key", _("same name")),
    # Another name that only looks the same (see lookalikes.name_skeleton).
    "lookalike_name": DuplicateHint(
        "organization_skeleton", _("look-alike name"), unless_same="organization_key"
    ),
    "same_email_domain": DuplicateHint(
        "email_domain", _("same email domain"), ignores_webmail=True
    ),
    "same_website": DuplicateHint("website_domain", _("same website")),
}

# The copy of the list inside the installed package, named explicitly: nothing downloads it.
PUBLIC_SUFFIXES_FILE = PSLFILE
with open(PUBLIC_SUFFIXES_FILE, encoding="utf-8") as _suffixes:
    PUBLIC_SUFFIXES = PublicSuffixList(_suffixes)

# Free mailbox providers: an address there says nothing about the organization.
WEBMAIL_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.fr",
        "yahoo.co.uk",
        "yahoo.es",
        "yahoo.it",
        "yahoo.de",
        "yahoo.com.br",
        "yahoo.co.in",
        "yahoo.co.jp",
        "yahoo.com.ar",
        "yahoo.com.mx",
        "ymail.com",
        "rocketmail.com",
        "hotmail.com",
        "hotmail.fr",
        "hotmail.co.uk",
        "hotmail.es",
        "hotmail.it",
        "hotmail.de",
        "outlook.com",
        "outlook.fr",
        "outlook.es",
        "live.com",
        "live.fr",
        "live.co.uk",
        "msn.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "protonmail.com",
        "protonmail.ch",
        "proton.me",
        "pm.me",
        "tutanota.com",
        "tutanota.de",
        "tuta.io",
        "fastmail.com",
        "fastmail.fm",
        "hey.com",
        "zoho.com",
        "yandex.com",
        "yandex.ru",
        "mail.ru",
        "bk.ru",
        "inbox.ru",
        "list.ru",
        "gmx.com",
        "gmx.net",
        "gmx.de",
        "gmx.fr",
        "web.de",
        "t-online.de",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "laposte.net",
        "sfr.fr",
        "libero.it",
        "virgilio.it",
        "tiscali.it",
        "qq.com",
        "163.com",
        "126.com",
        "sina.com",
        "naver.com",
        "daum.net",
        "hanmail.net",
        "rediffmail.com",
        "riseup.net",
        "posteo.de",
        "posteo.net",
        "mailbox.org",
        "disroot.org",
        "aim.com",
        # Reserved (RFC 2606), so that demo data and tests show the webmail hint with an
        # address that cannot be delivered.
        "webmail.example",
        "webmail.invalid",
    ]
)

_LEADING_ARTICLE = re.compile(r"^the\s+")


def organization_key(name):
    """Fold the differences two spellings of one name tend to have: case, accents,
    punctuation, spacing and a leading "The"."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[\W_]+", " ", without_accents).strip()
    return _LEADING_ARTICLE.sub("", words)


def email_domain(email):
    """The full domain of an address, as typed (lowercase), for the block lists."""
    return email.rpartition("@")[2].strip().lower() if "@" in email else ""


def normalise_host(host):
    """A host as a browser resolves it: percent-decoded, IDNA-mapped (full-width letters
    and ideographic full stops become ASCII), lowercase, without the trailing dot."""
    host = unquote(host).strip().lower()
    # A host that is not a valid IDN is compared as typed (and refused by the forms).
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    return host.lower().rstrip(".")


def website_host(url):
    """The host a browser opens for `url`. Browsers read a backslash as a slash and drop
    tabs and newlines, so "http://ngo.org\\@evil.org/" leads to ngo.org."""
    if not url:
        return ""
    url = re.sub(r"[\t\r\n]", "", url.strip()).replace("\\", "/")
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:  # e.g. an unbalanced "[" in the host
        return ""
    return normalise_host(host)


def registrable_domain(host):
    """The part of `host` its owner registered: "ngo.org" for "www.ngo.org". A public
    suffix ("co.uk") or an IP address has none and stands for itself."""
    host = normalise_host(host)
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return PUBLIC_SUFFIXES.privatesuffix(host) or host
    return host


def email_site(email):
    """The registrable domain of an email address: what the duplicate hints compare."""
    return registrable_domain(email_domain(email))


def website_site(url):
    """The registrable domain of the website a browser opens for `url`."""
    return registrable_domain(website_host(url))


def is_webmail(domain):
    return domain in WEBMAIL_DOMAINS


def domain_check(email, website):
    """How the email's domain compares with the website's (a DomainCheck)."""
    mail_domain, mail_site, site = email_domain(email), email_site(email), website_site(website)
    if not mail_domain:
        return DomainCheck.NO_EMAIL
    if is_webmail(mail_domain) or is_webmail(mail_site):
        return DomainCheck.WEBMAIL
    if not site:
        return DomainCheck.NO_WEBSITE
    return DomainCheck.MATCH if mail_site == site else DomainCheck.MISMATCH
