import re
from urllib.parse import unquote_plus

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.views.defaults import bad_request

from config.proxies import is_trusted_proxy

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict policy of settings.CONTENT_SECURITY_POLICY, except in the Django admin,
    whose own templates carry style attributes: there styles may be inline too."""

    def process_response(self, request, response):
        # A redirect has no document for a policy to govern (the page it leads to has its own
        # policy), and building the header took a noticeable part of a sign-on POST.
        if response.status_code in REDIRECT_STATUSES:
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(f"/{settings.ADMIN_URL}"):
            parts.update = {**(parts.update or {}), "style-src": ["'self'", "'unsafe-inline'"]}
        return parts


# Control characters, once percent-decoded: no one types them into a search or a link, and
# PostgreSQL refuses a NUL in any string, which a filter would turn into a 500.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class RejectControlCharactersMiddleware:
    """Answer 400 to a query string holding control characters, before any view or filter
    (the public pages' and the admin's) reads it."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Its 400 page is answered before the middleware that add the policy and forbid
        # framing: it gets their headers from them here.
        self.page_headers = (
            XFrameOptionsMiddleware(get_response),
            ContentSecurityPolicyMiddleware(get_response),
        )

    def __call__(self, request):
        query = unquote_plus(request.META.get("QUERY_STRING", ""))
        if CONTROL_CHARACTERS.search(query):
            response = bad_request(request, SuspiciousOperation("Control character in query"))
            for middleware in self.page_headers:
                response = middleware.process_response(request, response)
            return response
        return self.get_response(request)


# What a proxy tells the app about the client; from anyone else, a forgery.
FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_FORWARDED",
)


class UntrustedForwardedHeadersMiddleware:
    """Drop the forwarding headers of a request whose peer is not in TRUSTED_PROXIES, before
    anything reads them: SECURE_PROXY_SSL_HEADER would otherwise take a client's own
    `X-Forwarded-Proto: https` for a TLS connection, and the client's address its own
    X-Forwarded-For."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", ""), settings.TRUSTED_PROXIES):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)
