"""Whole-response cache for the letter's public pages and data, placed before the session,
authentication, CSRF, locale and security-policy middleware so that a hit skips them all.

A view opts in with `@public_page(query_params=...)`, naming the query parameters it reads.
A page is cached under the letter's public version: approving, rejecting, withdrawing or
correcting bumps the version (letter/public_version.py), so the next request renders afresh,
and no stale count or list is ever served. The version itself is cached per slug for at
most STATE_SECONDS and dropped as soon as a change commits.

A page cached for everyone must not depend on anything else a visitor sends: absolute links
come from SITE_URL and reversed ones from FORCE_SCRIPT_NAME (see config/settings.py), a
request for a host Django refuses is refused here too, and only a request whose parameters
the view understands is stored (a visitor's made-up parameters could otherwise fill the
cache and end up in the page's links). Every public page understands `lang` when it names one
of the site's languages (letter/page_language.py): the cache runs before the middleware that
applies it, so it reads it here, and keys on it."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language_from_request

from .page_language import LANGUAGE_PARAM, requested_language
from .public_version import public_state_for_slug

PAGE_SECONDS = 60
PAGE_CACHE = "pages"
# Each process also keeps the pages it served last: the busiest are then served from its own
# memory. The key holds the letter's public version, which each process re-reads at least
# every half second (letter/public_version.py), so a local copy is never older than a shared one
# would be.
LOCAL_PAGE_CACHE = "local-pages"
MAX_QUERY_LENGTH = 300
# A visitor with a session (a moderator) or a pending message sees pages made for them.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def public_page(*, query_params=()):
    """Mark a view of a letter (it takes `slug`) as the same for every anonymous visitor, so
    the page cache may serve it; `query_params` are the parameters that change the page."""

    def mark(view):
        view.public_page_params = frozenset(query_params)
        return view

    return mark


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable = self._cacheable(request)
        if cacheable is None:
            return self.get_response(request)
        key, storable = cacheable
        local, shared = caches[LOCAL_PAGE_CACHE], caches[PAGE_CACHE]
        cached = local.get(key)
        if cached is None:
            cached = shared.get(key)
            if cached is not None:
                local.set(key, cached, PAGE_SECONDS)
        if cached is not None:
            return self._replay(request, cached)
        response = self.get_response(request)
        if storable and self._storable(response):
            record = self._record(response)
            shared.set(key, record, PAGE_SECONDS)
            local.set(key, record, PAGE_SECONDS)
        return response

    def _cacheable(self, request):
        """(key, whether a fresh response may be stored), or None for a request the cache
        must not answer."""
        if request.method not in ("GET", "HEAD"):
            return None
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
            return None
        if any(name in request.COOKIES for name in PERSONAL_COOKIES):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        known = getattr(match.func, "public_page_params", None)
        if known is None:
            return None
        # Kept for the request log, which would otherwise resolve the path again on a hit.
        request.resolver_match = match
        # Raises DisallowedHost, which Django answers with 400, as it would after the cache.
        request.get_host()
        state = public_state_for_slug(match.kwargs["slug"])
        if state is None:
            return None  # unknown letter: let the view answer 404
        language = requested_language(request)
        if language:
            known = known | {LANGUAGE_PARAM}
        params = [(name, request.GET.getlist(name)) for name in sorted(known & set(request.GET))]
        # Parameters the view ignores share the entry of the page without them (a shared link
        # with a tracking parameter is still a hit), but never make or fill one.
        storable = len(params) == len(request.GET)
        language = language or get_language_from_request(request)
        address = f"{request.path_info}?{urlencode(params, doseq=True)}"
        # Hashed: parameter values are whatever the visitor typed; keys must stay short.
        digest = hashlib.sha256(address.encode()).hexdigest()
        return f"page:{state.pk}:v{state.public_version}:{language}:{digest}", storable

    @staticmethod
    def _storable(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "no-store" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _record(response):
        return (response.content, list(response.items()))

    @staticmethod
    def _replay(request, cached):
        content, headers = cached
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        etag, last_modified = response.get("ETag"), None
        if response.has_header("Last-Modified"):
            last_modified = parse_http_date_safe(response["Last-Modified"])
        conditional = get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
        if conditional is not response:
            for name in ("Access-Control-Allow-Origin", "Cache-Control", "Vary"):
                if response.has_header(name):
                    conditional[name] = response[name]
        return conditional
