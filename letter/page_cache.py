"""Whole-response cache for the letter's public pages and data, placed before the session,
authentication, CSRF, locale and security-policy middleware so that a hit skips them all.

A page is cached under the letter's public version: approving, rejecting, withdrawing or
correcting bumps the version (letter/publication.py), so the next request renders afresh,
and no stale count or list is ever served. The version itself is cached per slug for at
most STATE_SECONDS and dropped as soon as a change commits."""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language_from_request

from .publication import public_state_for_slug

PAGE_SECONDS = 60
CACHEABLE = re.compile(
    r"^/letters/(?P<slug>[-\w]+)/"
    r"(?:|count\.json|signatories/|signatories\.json|signatories\.csv|embed/|print/"
    r"|sign/check-your-inbox/)$"
)
# A visitor with a session (a moderator) or a pending message sees pages made for them.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            return self._replay(request, cached)
        response = self.get_response(request)
        if self._storable(response):
            cache.set(key, self._record(response), PAGE_SECONDS)
        return response

    def _key(self, request):
        if request.method not in ("GET", "HEAD") or len(request.META.get("QUERY_STRING", "")) > 300:
            return None
        if any(name in request.COOKIES for name in PERSONAL_COOKIES):
            return None
        match = CACHEABLE.match(request.path_info)
        if match is None:
            return None
        state = public_state_for_slug(match["slug"])
        if state is None:
            return None  # unknown letter: let the view answer 404
        language = get_language_from_request(request)
        # Hashed: a query string is whatever the visitor typed, and cache keys must stay short.
        address = f"{request.path_info}?{request.META.get('QUERY_STRING', '')}"
        digest = hashlib.sha256(address.encode()).hexdigest()
        return f"page:{state.pk}:v{state.public_version}:{language}:{digest}"

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
