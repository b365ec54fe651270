"""One address per language: `?lang=fr` shows a page in French for that request only (no
cookie is set), so search engines can find and link each language version of a page, which
the head lists with `hreflang` alternates and a canonical link.

Without `lang` (or with a code the site does not offer) the language comes, as before, from
the cookie set by the language switcher or the browser's Accept-Language."""

from django.conf import settings
from django.utils import translation
from django.utils.encoding import escape_uri_path

from config.site_url import absolute_url

LANGUAGE_PARAM = "lang"


def clean_language(value):
    """`value` if it is the code of one of the site's languages, else None."""
    return value if value in dict(settings.LANGUAGES) else None


def requested_language(request):
    """The language named by the address's `lang` parameter, or None if it names none of the
    site's languages."""
    return clean_language(request.GET.get(LANGUAGE_PARAM))


class QueryLanguageMiddleware:
    """Placed right after LocaleMiddleware: `lang` in the address wins over the cookie and
    Accept-Language for this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = requested_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


def path_without_language(request):
    """The page's path and query without `lang`: where the language switcher returns, so the
    language chosen there (kept in the cookie) is the one shown."""
    params = request.GET.copy()
    params.pop(LANGUAGE_PARAM, None)
    path = escape_uri_path(request.path)
    return f"{path}?{params.urlencode()}" if params else path


def language_links(request):
    """The canonical address of the page and its `hreflang` alternates, all absolute from
    SITE_URL: made from the path and `lang` only, which the page cache keys on, never from a
    header. None for a page that has no language versions to offer search engines: a form's
    answer, an address Django could not resolve, or one carrying a secret token."""
    match = request.resolver_match
    if request.method not in ("GET", "HEAD") or match is None or "token" in match.kwargs:
        return None
    page = absolute_url(escape_uri_path(request.path))
    language = requested_language(request)
    alternates = [(code, f"{page}?{LANGUAGE_PARAM}={code}") for code, _name in settings.LANGUAGES]
    return {
        "canonical": f"{page}?{LANGUAGE_PARAM}={language}" if language else page,
        "alternates": [*alternates, ("x-default", page)],
    }
