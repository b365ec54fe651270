"""Absolute links built from SITE_URL, never from the request: a page cached for everyone, or
an email, must not point wherever a visitor's Host or X-Forwarded-Proto header said."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path):
    """`path` as reverse() gives it (it already starts with SITE_URL's own path, which is
    FORCE_SCRIPT_NAME) on SITE_URL's scheme and host."""
    site = urlsplit(settings.SITE_URL)
    return f"{site.scheme}://{site.netloc}{path}"
