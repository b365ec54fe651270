"""Share links on the letter page and after confirming (signatories/sharing.py): they share
the letter's address from SITE_URL whatever host the request named, and load nothing from
another site."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.urls import reverse

from signatories.tokens import make_confirm_token
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

SITE = "https://letters.example.org"


class Page(HTMLParser):
    """The share links and every resource a page makes the browser load."""

    def __init__(self, html):
        super().__init__()
        self.share_links, self.resources, self.copy_fields = [], [], []
        self._in_share_list = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and "share-links" in attrs.get("class", ""):
            self._in_share_list = True
        if tag == "a" and self._in_share_list:
            self.share_links.append(attrs)
        if tag == "input" and attrs.get("id") == "share-url":
            self.copy_fields.append(attrs)
        # A canonical or alternate link names this page's own addresses; it loads nothing.
        if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
            return
        for name, attr in (("script", "src"), ("img", "src"), ("link", "href")):
            if tag == name and attrs.get(attr):
                self.resources.append(attrs[attr])

    def handle_endtag(self, tag):
        if tag == "ul":
            self._in_share_list = False


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["*"]


def confirmed_page(client, letter):
    signature = SignatureFactory(letter=letter)
    path = reverse("signatories:confirm", args=[make_confirm_token(signature.pk)])
    return client.post(path, HTTP_HOST="elsewhere.example")


@pytest.mark.parametrize("page", ["letter", "confirmed"])
def test_share_links_share_the_letter_from_site_url_not_the_request_host(
    client, letter, site_url, page
):
    if page == "letter":
        response = client.get(letter.get_absolute_url(), HTTP_HOST="elsewhere.example")
    else:
        response = confirmed_page(client, letter)
    html = response.content.decode()
    assert response.status_code == 200
    letter_url = f"{SITE}/letters/{letter.slug}/"
    parsed = Page(html)
    assert [field["value"] for field in parsed.copy_fields] == [letter_url]
    labels = {
        link["href"].split(":", 1)[0] + ":" + urlsplit(link["href"]).netloc
        for link in parsed.share_links
    }
    for expected in [
        "mailto:",
        "https:bsky.app",
        "https:x.com",
        "https:www.facebook.com",
        "https:www.linkedin.com",
        "https:wa.me",
        "https:t.me",
        "https:mastodonshare.com",
    ]:
        assert expected in labels
    for link in parsed.share_links:
        assert quote(letter_url, safe="") in link["href"], link["href"]
        assert link["rel"] == "noopener noreferrer"
    assert "elsewhere.example" not in html


def test_the_email_link_has_a_subject_and_a_body(client, letter, site_url):
    parsed = Page(client.get(letter.get_absolute_url()).content.decode())
    mailto = next(link["href"] for link in parsed.share_links if link["href"].startswith("mailto:"))
    query = parse_qs(urlsplit(mailto).query)
    assert query["subject"] == [letter.title]
    assert f"{SITE}/letters/{letter.slug}/" in query["body"][0]


def test_share_links_are_in_the_readers_language(client, letter, site_url):
    client.cookies["django_language"] = "fr"
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "Partager cette lettre" in html


@pytest.mark.parametrize("page", ["letter", "confirmed"])
def test_pages_with_share_links_load_nothing_from_another_site(client, letter, site_url, page):
    SignatureFactory(letter=letter, approved=True)
    if page == "letter":
        response = client.get(letter.get_absolute_url())
    else:
        response = confirmed_page(client, letter)
    parsed = Page(response.content.decode())
    assert any("/static/js/share." in src for src in parsed.resources)
    for resource in parsed.resources:
        assert resource.startswith("/") and not resource.startswith("//"), resource


def test_the_copy_button_waits_for_the_script(client, letter):
    # Without JavaScript there is nothing to click: the address stays selectable in its field.
    html = client.get(letter.get_absolute_url()).content.decode()
    assert 'data-copy-from="share-url"' in html
    button = html[html.index("<button", html.index('id="share-url"')) :].split(">", 1)[0]
    assert " hidden" in button


def test_a_sign_button_follows_the_letter_while_signing_is_open(
    client, letter, django_capture_on_commit_callbacks
):
    html = client.get(letter.get_absolute_url()).content.decode()
    sign = reverse("signatories:sign", args=[letter.slug])
    after_letter = html[html.index('class="letter-body"') :]
    assert f'href="{sign}"' in after_letter.split("</article>")[0]
    letter.signing_paused = True
    with django_capture_on_commit_callbacks(execute=True):
        letter.save()
    html = client.get(letter.get_absolute_url()).content.decode()
    after_letter = html[html.index('class="letter-body"') :]
    assert f'href="{sign}"' not in after_letter.split("</article>")[0]
