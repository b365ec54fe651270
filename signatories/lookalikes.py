"""Look-alikes: a name or a domain that reads like another's but is other text.

- A name's *skeleton* (Unicode TR39 §4, computed by the disarm package from Unicode's
  confusables data, which comes with it): "Amnesty Internationаl" with a Cyrillic а, or
  "Amnesty Internationaӏ" with a palochka, has the skeleton of "Amnesty International".
  It is taken of the name in capitals, so that case never tells two names apart (TR39 reads
  a capital I as l: in capitals i and l become one letter, a price a hint can pay), then
  folded as hints.organization_key folds (accents, punctuation, spacing, a leading "The").
- Mixed scripts: a name written in several writing systems (TR39 §5.1; Japanese, Korean and
  Chinese mixes are one each), such as Latin letters with one Cyrillic letter among them.
- International domains: an email or website domain with non-ASCII letters, or written in
  its xn-- (punycode) form, may imitate another domain letter for letter.

Nothing here is a refusal: each is a hint for the moderators, who know that some genuine
names mix scripts. Invisible and direction-changing characters are refused at input
(signing.validators)."""

import contextlib

from disarm import detect_scripts, is_mixed_script, skeleton_key

from signatories import hints


def name_skeleton(name):
    """The key two names that look alike share (see above)."""
    return hints.organization_key(skeleton_key(name.upper()))


def mixed_scripts(name):
    """The scripts of a name written in more than one writing system ([] for one), such as
    ["Latin", "Cyrillic"]."""
    if not name or not is_mixed_script(name):
        return []
    return [script.value for script in detect_scripts(name)]


def international_domain(domain):
    """Whether a domain is an internationalised one: non-ASCII letters, or an xn-- label."""
    return not domain.isascii() or any(label.startswith("xn--") for label in domain.split("."))


def readable_domain(domain):
    """An xn-- domain as its reader sees it (Unicode); other domains as they are."""
    with contextlib.suppress(UnicodeError):
        return domain.encode("ascii").decode("idna")
    return domain


def international_domains(email, website):
    """The email's and the website's domains that are international, as readers see them."""
    domains = [hints.email_domain(email), hints.website_host(website)]
    found = [readable_domain(d) for d in domains if d and international_domain(d)]
    return list(dict.fromkeys(found))


def lookalike_warnings(signature):
    """{"mixed_scripts": [...], "international_domains": [...]}, only those that apply."""
    warnings = {
        "mixed_scripts": mixed_scripts(signature.organization),
        "international_domains": international_domains(signature.email, signature.website),
    }
    return {name: found for name, found in warnings.items() if found}
