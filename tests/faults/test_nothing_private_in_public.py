"""Sign with recognisable contact data, approve, then crawl every public page and export:
no contact name, email or address hash anywhere."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from signatories.models import Signature
from signatories.moderation import review
from signatories.signing import services
from tests.factories import sign_form_data

pytestmark = pytest.mark.django_db

CONTACT_NAME = "Zxqv Contactperson"
EMAIL = "zxqv.private@signer-mailbox-example.org"
ADDRESS = "203.0.113.99"


def crawl(client, start_urls, limit=200):
    """Follow every same-site link from start_urls, except the admin; return {url: body}."""
    seen, queue, pages = set(), list(start_urls), {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen or url.startswith(f"/{settings.ADMIN_URL}"):
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode("utf-8", "replace")
        pages[url] = body
        if "html" in response.get("Content-Type", ""):
            for href in re.findall(r'(?:href|src|action)="([^"#]+)"', body):
                target = urljoin(url, href.replace("&amp;", "&"))
                if not urlsplit(target).netloc:
                    queue.append(target)
    return pages


def test_no_public_url_or_export_reveals_contact_data(client, letter, moderator):
    client.post(
        reverse("signatories:sign", args=[letter.slug]),
        sign_form_data(organization="Recognisable Org", contact_name=CONTACT_NAME, email=EMAIL),
        REMOTE_ADDR=ADDRESS,
    )
    signature = Signature.objects.get(letter=letter)
    services.signature_confirm(signature=signature)
    review.signature_approve(signature=signature, moderator=moderator)
    secrets = [CONTACT_NAME, EMAIL, "signer-mailbox", signature.client_hash, ADDRESS]

    slug = letter.slug
    start = [
        "/",
        letter.get_absolute_url(),
        reverse("signatories:directory", args=[slug]) + "?query=Recognisable",
        reverse("signatories:print", args=[slug]),
        reverse("signatories:embed", args=[slug]),
        reverse("signatories:count", args=[slug]),
        reverse("signatories:data_json", args=[slug]),
        reverse("signatories:data_csv", args=[slug]),
        reverse("signatories:sign", args=[slug]),
        reverse("signatories:new_link"),
    ]
    pages = crawl(client, start)
    assert len(pages) >= len(start)
    assert any("Recognisable Org" in body for body in pages.values())
    for url, body in pages.items():
        for secret in secrets:
            assert secret not in body, f"{secret!r} found at {url}"
