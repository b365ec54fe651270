"""Whole-response cache for the letter's public pages and data, placed before the session,
authentication, CSRF, locale and security-policy middleware so that a hit skips them all.

A view opts in with `@public_page(query_params=...)`, naming the query parameters it reads.
A page is cached under the letter's public version: approving, rejecting, withdrawing or
correcting bumps the version (letter/public_version.py), so the next request renders afresh,
and no stale count or list is ever served. The version itself is cached per slug for at
most STATE_SECONDS and dropped as soon as a change commits.

A page cached for everyone must not depend on anything else a visitor sends: absolute links
come from SITE_URL and reversed ones from FORCE_SCRIPT_NAME (see config/settings.py), a
request for a host Django refuses is refused here too, and the page is rendered for, and
keyed on, its canonical query only (letter/page_query.py): one valid value of each parameter
the view reads, `lang` included, so nothing a visitor adds can make a new entry, force a new
render or end up in the page's links.

One render per page at a time: the first request to miss takes a short lock in the shared
cache; the others wait for its entry rather than render the same page again, which for a
slow page and a burst of visitors would hold every web process. Pages too big to keep are
not stored (the large exports are built off the request: signatories/public/exports.py)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language_from_request

from .page_compression import accepts_brotli, brotli_copy, send_brotli
from .page_language import LANGUAGE_PARAM
from .page_query import canonical_query, query_cleaners
from .public_version import public_state_as_of

PAGE_SECONDS = 60
PAGE_CACHE = "pages"
# Each process also keeps the pages it served last: the busiest are then served from its own
# memory. The key holds the letter's public version, which each process re-reads at least
# every half second (letter/public_version.py), so a local copy is never older than a shared one
# would be.
LOCAL_PAGE_CACHE = "local-pages"
# A response larger than this is not stored: it would push many pages out of the shared cache.
MAX_STORED_BYTES = 2 * 1024 * 1024
# While one process renders a page, the others wait up to RENDER_WAIT_SECONDS for it, asking
# the shared cache every RENDER_POLL_SECONDS; the lock outlives a worker killed mid-render by
# at most RENDER_LOCK_SECONDS (gunicorn's timeout).
RENDER_WAIT_SECONDS = 5
RENDER_POLL_SECONDS = 0.05
RENDER_LOCK_SECONDS = 30
# A visitor with a session (a moderator) or a pending message sees pages made for them.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def public_page(*, query_params=()):
    """Mark a view of a letter (it takes `slug`) as the same for every anonymous visitor, so
    the page cache may serve it. `query_params` are the parameters that change the page:
    names, or a mapping of names to cleaners (see letter/page_query.py)."""

    def mark(view):
        view.public_page_params = query_cleaners(query_params)
        return view

    return mark


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        cached = self._cached(key)
        if cached is not None:
            return self._replay(request, cached)
        lock = f"{key}:rendering"
        # False: another process holds the lock; None: the shared cache is unreachable.
        acquired = caches[PAGE_CACHE].add(lock, 1, RENDER_LOCK_SECONDS)
        if acquired is False:
            cached = self._wait_for(key, lock)
            if cached is not None:
                return self._replay(request, cached)
        try:
            return self._render_and_store(request, key)
        finally:
            if acquired:
                caches[PAGE_CACHE].delete(lock)

    @staticmethod
    def _cached(key):
        local, shared = caches[LOCAL_PAGE_CACHE], caches[PAGE_CACHE]
        cached = local.get(key)
        if cached is None:
            cached = shared.get(key)
            if cached is not None:
                local.set(key, cached, PAGE_SECONDS)
        return cached

    @staticmethod
    def _wait_for(key, lock):
        """The entry another process is rendering, once stored; None if it stored none (an
        error, a page too big to keep) or took too long."""
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(RENDER_POLL_SECONDS)
            found = caches[PAGE_CACHE].get_many([key, lock])
            if key in found:
                caches[LOCAL_PAGE_CACHE].set(key, found[key], PAGE_SECONDS)
                return found[key]
            if lock not in found:
                return None
        return None

    def _render_and_store(self, request, key):
        response = self.get_response(request)
        if self._storable(response):
            record = self._record(response)
            caches[PAGE_CACHE].set(key, record, PAGE_SECONDS)
            caches[LOCAL_PAGE_CACHE].set(key, record, PAGE_SECONDS)
            if record[2] is not None and accepts_brotli(request):
                send_brotli(response, record[2])
        return response

    def _key(self, request):
        """The page's cache key, or None for a request the cache must not answer. The request
        is left holding only its canonical query, which the view then renders."""
        if request.method not in ("GET", "HEAD"):
            return None
        if any(name in request.COOKIES for name in PERSONAL_COOKIES):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        cleaners = getattr(match.func, "public_page_params", None)
        if cleaners is None:
            return None
        # Kept for the request log, which would otherwise resolve the path again on a hit.
        request.resolver_match = match
        # Raises DisallowedHost, which Django answers with 400, as it would after the cache.
        request.get_host()
        state, request.public_state_as_of = public_state_as_of(match.kwargs["slug"])
        if state is None:
            return None  # unknown letter: let the view answer 404
        query = canonical_query(request.GET, cleaners)
        request.GET = query
        request.META["QUERY_STRING"] = query.urlencode()
        language = query.get(LANGUAGE_PARAM) or get_language_from_request(request)
        address = f"{request.path_info}?{request.META['QUERY_STRING']}"
        # Hashed: parameter values are whatever the visitor typed; keys must stay short.
        digest = hashlib.sha256(address.encode()).hexdigest()
        return f"page:{state.pk}:v{state.public_version}:{language}:{digest}"

    @staticmethod
    def _storable(response):
        return (
            response.status_code == 200
            and not response.streaming
            and len(response.content) <= MAX_STORED_BYTES
            and not response.cookies
            and "no-store" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _record(response):
        return (response.content, list(response.items()), brotli_copy(response))

    @staticmethod
    def _replay(request, cached):
        content, headers, *compressed = cached
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        if compressed and compressed[0] is not None and accepts_brotli(request):
            send_brotli(response, compressed[0])
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
