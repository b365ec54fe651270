"""Tells caches in front of the app (the front door's micro-cache, a coalition's CDN) what they
may keep: a public page (a view marked with letter.page_cache.public_page) answered to a
visitor without a session is `public, s-maxage=PROXY_CACHE_SECONDS`; anything else without a
Cache-Control of its own is `private, no-store`, so that no shared cache ever keeps a form, a
confirmation page or the admin.

A shared cache keeps a public page at most PROXY_CACHE_SECONDS: the page cache behind it is
dropped the moment a signature is approved, so the count a visitor sees stays exact within
that. Browsers' own `max-age` (count.json's, static files') is left as the view set it.

nginx counts a cache entry's life in whole seconds: `s-maxage=1` would let it keep a page
until the end of the next second, up to two seconds. The front door is told instead, with
`X-Accel-Expires: @<second>` (which nginx reads and never passes on), to keep the page until
the end of the second its letter's state was read in (letter/public_version.py), so that what
it serves is exact within a second of any change, and Django still sees one request per page
per second."""

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

PROXY_CACHE_SECONDS = 1


class CacheControlMiddleware:
    """Outermost, so that it also marks the page cache's hits and WhiteNoise's files (which
    keep their own far-future Cache-Control)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        cache_control = response.get("Cache-Control", "")
        if _public_page_answer(request, response):
            if _personal(request, response, cache_control):
                # A public page answered to a moderator is theirs alone, whatever the view said.
                response["Cache-Control"] = "private, no-store"
            else:
                patch_cache_control(response, public=True, s_maxage=PROXY_CACHE_SECONDS)
                as_of = getattr(request, "public_state_as_of", None)
                if as_of is not None:
                    response["X-Accel-Expires"] = f"@{int(as_of)}"
        elif not cache_control:
            response["Cache-Control"] = "private, no-store"
        return response


def _personal(request, response, cache_control):
    personal_cookies = (settings.SESSION_COOKIE_NAME, "messages")  # as the page cache has them
    return (
        bool(response.cookies)
        or "private" in cache_control
        or "no-store" in cache_control
        or any(name in request.COOKIES for name in personal_cookies)
    )


def _public_page_answer(request, response):
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
    return getattr(match.func, "public_page_params", None) is not None
