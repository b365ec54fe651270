"""The hints as small badges beside an organization in the review queue: how the email
compares with the website, possible duplicates, and look-alike warnings (a name mixing
writing systems, an international domain name). The full text of each is its title."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from signatories.hints import DOMAIN_WARNINGS, DUPLICATE_HINTS, DomainCheck
from signatories.lookalikes import lookalike_warnings

# The hint beside each organization in the queue, short; the full label is its title.
DOMAIN_BADGES = {
    DomainCheck.MATCH: _("domain matches"),
    DomainCheck.MISMATCH: _("domain differs"),
    DomainCheck.WEBMAIL: _("webmail"),
    DomainCheck.NO_WEBSITE: _("no website"),
    DomainCheck.NO_EMAIL: _("no email"),
}

# Look-alike warning -> (badge, its title with "%(found)s" for what was found).
LOOKALIKE_BADGES = {
    "mixed_scripts": (
        _("mixed scripts"),
        _("The name mixes writing systems (%(found)s): a letter may imitate another."),
    ),
    "international_domains": (
        _("international domain"),
        _("Non-ASCII or xn-- domain (%(found)s): it may imitate another domain."),
    ),
}


def hint_badges(signature):
    """The badges of a signature of the queue (annotated by with_duplicate_hints)."""
    check = DomainCheck(signature.domain_check)
    badges = [
        _badge(
            "hint-warn" if check in DOMAIN_WARNINGS else "hint-ok",
            check.label,
            DOMAIN_BADGES[check],
        )
    ]
    for name, found in lookalike_warnings(signature).items():
        badge, title = LOOKALIKE_BADGES[name]
        badges.append(_badge("hint-warn", title % {"found": ", ".join(found)}, badge))
    matches = [str(h.label) for name, h in DUPLICATE_HINTS.items() if getattr(signature, name)]
    if matches:
        text = _("possible duplicate: %(matches)s") % {"matches": ", ".join(matches)}
        badges.append(format_html('<span class="hint hint-duplicate">{}</span>', text))
    return badges


def lookalike_rows(signature):
    """[(badge, explanation)] for the review page."""
    return [
        (LOOKALIKE_BADGES[name][0], LOOKALIKE_BADGES[name][1] % {"found": ", ".join(found)})
        for name, found in lookalike_warnings(signature).items()
    ]


def _badge(kind, title, text):
    return format_html('<span class="hint {}" title="{}">{}</span>', kind, title, text)
