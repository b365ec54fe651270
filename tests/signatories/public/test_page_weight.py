"""Issue 23, item 4: a first visit to the letter page with 1,000 signatories transfers at
most 50 KB (HTML, CSS, JS, icons; compressed as a browser asks for them), a repeat visit at
most 20 KB (static files have hashed names and are cached for a year, so only the page is
fetched again). Measured through the production static storage and middleware."""

import io
import re

import brotli
import pytest
from django.core.management import call_command
from django.db import transaction

from letter.models import Letter
from letter.public_version import mark_published
from signatories.models import Signature

pytestmark = pytest.mark.django_db

SEEDED = "joint-ngo-letter-2018"
BROWSER = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br, zstd", "HTTP_ACCEPT_LANGUAGE": "en"}
SUBRESOURCES = re.compile(r'<(?:link rel="(?:stylesheet|icon)"|script) [^>]*(?:href|src)="([^"]+)"')


@pytest.fixture
def letter_of_1000(django_capture_on_commit_callbacks):
    call_command("demo_signatures", SEEDED, "--count", "1000", "--force", stdout=io.StringIO())
    letter = Letter.objects.get(slug=SEEDED)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Signature.objects.filter(letter=letter).update(status=Signature.Status.APPROVED)
        mark_published(letter.pk)
    return letter


def _bytes(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return len(body) + sum(len(f"{k}: {v}\r\n") for k, v in response.items())


def test_the_letter_page_is_light_on_a_first_and_a_repeat_visit(client, letter_of_1000):
    page = client.get(letter_of_1000.get_absolute_url(), **BROWSER)
    assert page["Content-Encoding"] == "br"  # the page cache's copy, smaller than gzip
    text = brotli.decompress(page.content).decode()
    assert text.count("</a></li>") >= 600  # the named signatories are on it
    first = _bytes(page)
    for url in set(SUBRESOURCES.findall(text)):
        response = client.get(url, **BROWSER)
        assert response.status_code == 200, url
        if url.startswith("/static/"):
            assert "immutable" in response["Cache-Control"], url
        first += _bytes(response)
    repeat = _bytes(client.get(letter_of_1000.get_absolute_url(), **BROWSER))
    print(f"first visit {first} bytes, repeat visit {repeat} bytes")
    assert first <= 50_000, f"first visit: {first} bytes"
    assert repeat <= 20_000, f"repeat visit: {repeat} bytes"
