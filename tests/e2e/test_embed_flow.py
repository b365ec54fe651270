"""The sign-on form embedded on a partner's website, in Chromium with third-party cookies
blocked: a page served from another origin on loopback frames it, an organization signs
through it and the signature is credited to the partner; a page from an origin not listed
cannot frame it and keeps only the link to the full form."""

import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from signatories.models import Partner, Signature
from signatories.partners.embed import embed_snippet
from tests.e2e.conftest import CHROMIUM_ARGS
from tests.factories import LetterFactory

pytestmark = [
    pytest.mark.services,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Sets a cookie that may be sent across sites, and reads it back: empty where the browser
# blocks third-party cookies.
COOKIE_PROBE = (
    "() => { document.cookie = 'probe=1; SameSite=None; Secure; Path=/'; return document.cookie; }"
)


class PartnerSite:
    """A partner's website on loopback (127.0.0.1, another site than the live server's
    localhost), serving one page with the snippet pasted into it."""

    def __init__(self):
        self.html = ""
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                body = f"<!DOCTYPE html><html><body><h1>Partner</h1>{site.html}</body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def origin(self):
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def partner_sites():
    sites = [PartnerSite(), PartnerSite()]
    yield sites
    for site in sites:
        site.stop()


@pytest.fixture
def cookieless_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=[*CHROMIUM_ARGS, "--test-third-party-cookie-phaseout"],
        )
        yield browser
        browser.close()


def test_embedded_form_signs_from_another_origin_with_third_party_cookies_blocked(
    cookieless_browser, site, partner_sites, settings
):
    from playwright.sync_api import expect

    settings.SITE_URL = site.url
    listed, unlisted = partner_sites
    letter = LetterFactory(title="Letter for the embed test")
    partner = Partner.objects.create(
        letter=letter, name="Friends of Rights", code="friends", origin=listed.origin
    )
    listed.html = unlisted.html = embed_snippet(partner)
    page = cookieless_browser.new_page()

    # The premise: this browser lets the site set cookies first-party, not in a frame.
    page.goto(site.url + "/")
    assert page.evaluate(COOKIE_PROBE) == "probe=1"
    page.context.clear_cookies()

    page.goto(listed.origin + "/")
    form = page.frame_locator("iframe")
    form.get_by_role("textbox", name=re.compile("^Organization")).fill("Colectivo Defensoras")
    assert page.frames[1].evaluate(COOKIE_PROBE) == ""
    form.get_by_role("combobox", name=re.compile("^Country")).select_option("MX")
    form.get_by_label("International").check()
    form.get_by_label("Your name").fill("Marta Ruiz")
    form.get_by_label("Your email").fill("marta@defensoras.example.org")
    form.get_by_label(re.compile("I agree")).check()
    form.get_by_role("button", name="Sign the letter").click()
    expect(form.get_by_role("heading", name="Check your inbox")).to_be_visible()
    assert page.url == listed.origin + "/"  # the signer never left the partner's page
    signature = Signature.objects.get(letter=letter)
    assert signature.partner == partner
    assert signature.status == Signature.Status.UNCONFIRMED

    # An origin not listed: the browser refuses to show the form; the link remains.
    page.goto(unlisted.origin + "/")
    fallback = page.get_by_role("link", name=re.compile("Sign the letter on"))
    expect(fallback).to_have_attribute("href", re.compile(r"/sign/\?via=friends$"))
    frame = page.frames[1]
    frame.wait_for_load_state()
    assert frame.locator("form").count() == 0
    assert "Sign the letter" not in frame.content()
