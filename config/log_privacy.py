"""Nothing private in any log line: no email address, no client address, no token from a
confirm or withdraw link, no query string a visitor typed.

Logs travel further than the database (to hosting dashboards, to whoever debugs), and
signers may face reprisals. The request log names the route (`/confirm/<str:token>/`), never
the path; Django's own request and security loggers are rewritten the same way; gunicorn
writes no access log (ours covers it) and its error log passes through the same scrubbing.
What is left is scrubbed for addresses as a last line of defence: an exception's text (a
mail server's reply quotes the refused address) can hold one."""

import logging
import re

from django.http import HttpRequest
from django.urls import Resolver404, resolve

ADDRESS_REMOVED = "[address removed]"

# A dot in the domain: a Celery node name (celery@host) is not an email address.
EMAIL = re.compile(r"[^\s<>()\[\]'\",;:@]+@[^\s<>()\[\]'\",;:@.]+(?:\.[^\s<>()\[\]'\",;:@.]+)+")
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])", re.IGNORECASE)
UNRESOLVED = "<unresolved>"


def scrub(text: str) -> str:
    """The text with every email and IP address replaced."""
    text = EMAIL.sub(ADDRESS_REMOVED, text)
    text = _IPV4.sub(ADDRESS_REMOVED, text)
    return _IPV6.sub(_ipv6_or_not, text)


def _ipv6_or_not(match):
    # "12:34:56" is a time; an IPv6 address has eight groups or compresses some with "::".
    candidate = match.group()
    return ADDRESS_REMOVED if "::" in candidate or candidate.count(":") == 7 else candidate


def route_of(request) -> str:
    """The URL pattern the request matched, e.g. `/confirm/<str:token>/`: what an operator
    needs, without the token or the search a visitor typed."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        # Middleware may answer before the URL is resolved (cached pages, static files).
        return route_of_path(request.path_info, getattr(request, "urlconf", None))
    return "/" + match.route


def route_of_path(path: str, urlconf=None) -> str:
    try:
        return "/" + resolve(path, urlconf).route
    except Resolver404:
        return UNRESOLVED


class PrivateDataFilter(logging.Filter):
    """Attached to every handler: rewrites Django's request and security records to name the
    route rather than the path or the Host header, and scrubs addresses from the rest."""

    def filter(self, record):
        request = record.__dict__.pop("request", None)
        if isinstance(request, HttpRequest):
            _describe_request(record, request)
        elif record.name == "django.server":
            _describe_server_line(record)
        _scrub_record(record)
        return True


def _describe_request(record, request):
    record.msg = "%s %s %s"
    record.args = (getattr(record, "status_code", ""), request.method, route_of(request))
    if record.name.startswith("django.security"):
        # The exception repeats what the client sent (the Host header, the CSRF reason).
        record.exc_info = record.exc_text = None


def _describe_server_line(record):
    # The development server's line carries the raw request line ("GET /confirm/<token>/
    # HTTP/1.1"), a socket as its "request", then the status and the size.
    if not (isinstance(record.args, tuple) and len(record.args) == 3):
        return
    method, _, target = str(record.args[0]).partition(" ")
    path = target.rsplit(" ", 1)[0].split("?", 1)[0]
    record.msg = "%s %s %s"
    record.args = (record.args[1], method, route_of_path(path) if path.startswith("/") else "")


def _scrub_record(record):
    record.msg, record.args = scrub(record.getMessage()), ()
    if record.exc_info:
        record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
        record.exc_info = None


class GunicornErrorFilter(logging.Filter):
    """gunicorn writes the client's address and the raw request line of a malformed request,
    and the URI of a request that failed: keep what happened, drop those."""

    def filter(self, record):
        message = str(record.msg)
        if message.startswith("Invalid request from"):
            record.msg, record.args = "Invalid request refused", ()
        elif message.startswith("Error handling request"):
            record.msg, record.args = "Error handling request", ()
        _scrub_record(record)
        return True
