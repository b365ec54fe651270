"""Hints for moderators about impersonation and duplicates: how an organization's name,
email domain and website domain compare with each other and with other signatures."""

import re
import unicodedata
from urllib.parse import urlsplit

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
    return email.rpartition("@")[2].strip().lower() if "@" in email else ""


def website_domain(url):
    if not url:
        return ""
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.")


def is_webmail(domain):
    return domain in WEBMAIL_DOMAINS


def same_site(domain_a, domain_b):
    """One domain is the other or a subdomain of it: mail.ngo.org and ngo.org match."""
    return (
        domain_a == domain_b
        or domain_a.endswith(f".{domain_b}")
        or (domain_b.endswith(f".{domain_a}"))
    )


def domain_check(email, website):
    """'match', 'mismatch', 'webmail', 'no_website' or 'no_email' (see DomainCheck)."""
    mail_domain, site_domain = email_domain(email), website_domain(website)
    if not mail_domain:
        return "no_email"
    if is_webmail(mail_domain):
        return "webmail"
    if not site_domain:
        return "no_website"
    return "match" if same_site(mail_domain, site_domain) else "mismatch"
