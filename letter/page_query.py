"""The one address of a public page: the query a page is rendered for, and cached under, holds
one valid value for each parameter the page reads, and nothing else.

Anything else a visitor adds (a second `lang`, an unknown parameter, a value the page would
ignore or refuse) changes neither the page nor its cache key, so it cannot make a web process
render the page again: the request is answered as the canonical address is."""

from django.http import QueryDict

from .page_language import LANGUAGE_PARAM, clean_language


def any_text(value):
    """The parameter's value as sent (the default cleaner)."""
    return value


def query_cleaners(query_params):
    """{name: cleaner} from what `public_page` was given: a mapping of names to cleaners
    (a function of the value sent, returning the canonical value or None when it is not
    valid), or names alone, whose values are kept as sent."""
    if hasattr(query_params, "items"):
        cleaners = dict(query_params)
    else:
        cleaners = dict.fromkeys(query_params, any_text)
    # Every public page is offered in each of the site's languages.
    cleaners.setdefault(LANGUAGE_PARAM, clean_language)
    return cleaners


def canonical_query(query, cleaners):
    """The QueryDict `query` means: for each parameter in `cleaners`, the value Django itself
    reads (the last one sent), if valid; in a fixed order."""
    pairs = []
    for name in sorted(cleaners):
        sent = query.get(name)
        value = None if sent is None else cleaners[name](sent)
        if value not in (None, ""):
            pairs.append((name, str(value)))
    canonical = QueryDict(mutable=True)
    for name, value in pairs:
        canonical[name] = value
    return QueryDict(canonical.urlencode())
