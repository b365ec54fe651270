import html
import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.urls import reverse

from letter.markdown import render_markdown
from letter.models import TranslatedLetter
from letter.seed import load_seed
from tests.factories import LetterFactory

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "![x](https://tracker.example/pixel.png)",
    '[x](https://ngo.example "title" onclick="alert(1)")',
    "<style>body{display:none}</style>",
    "<iframe src=https://evil.example></iframe>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!-- comment --><svg onload=alert(1)>",
    "```\n<script>alert(1)</script>\n```",
    "[x]: javascript:alert(1)\n\n[click][x]",
]


class _Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML."""

    def __init__(self, html_text):
        super().__init__()
        self.elements = []
        self.feed(html_text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _tags(html_text):
    return {tag for tag, _ in _Elements(html_text).elements}


def _attributes(html_text):
    return {name for _, attrs in _Elements(html_text).elements for name in attrs}


def _hrefs(html_text):
    return [attrs["href"] for _, attrs in _Elements(html_text).elements if "href" in attrs]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_comes_out_inert(text):
    rendered = str(render_markdown(text))
    assert _tags(rendered) <= {"p", "a"}
    assert _attributes(rendered) <= {"href", "rel"}
    assert all(href.startswith("https://") for href in _hrefs(rendered)), rendered


def test_allowed_constructs_render():
    text = (
        "# Our demands\n\n"
        "We *urge* you to act **now**.\n\n"
        "- first\n- second\n\n"
        "1. one\n2. two\n\n"
        "> A quotation.\n\n"
        "## Details\n\n"
        "Read [the report](https://ngo.example/report) or write to <mailto:info@ngo.example>."
    )
    rendered = str(render_markdown(text))
    assert "<h2>Our demands</h2>" in rendered
    assert "<h3>Details</h3>" in rendered
    assert "<em>urge</em>" in rendered and "<strong>now</strong>" in rendered
    assert "<ul>\n<li>first</li>\n<li>second</li>\n</ul>" in rendered
    assert "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in rendered
    assert "<blockquote>\n<p>A quotation.</p>\n</blockquote>" in rendered
    assert (
        '<a href="https://ngo.example/report" rel="nofollow noopener noreferrer">the report</a>'
        in rendered
    )
    assert 'href="mailto:info@ngo.example"' in rendered


def test_headings_never_reach_the_pages_h1_and_stop_at_h6():
    rendered = str(render_markdown("# One\n\n##### Five\n\n###### Six"))
    assert "<h1" not in rendered
    assert "<h2>One</h2>" in rendered
    assert "<h6>Five</h6>" in rendered and "<h6>Six</h6>" in rendered


def test_plain_text_stays_plain_text():
    text = (
        "A paragraph\nwrapped over lines.\n\n    Indented, not code.\n\nDashes\n---\n\nsnake_case"
    )
    rendered = str(render_markdown(text))
    assert _tags(rendered) == {"p"}
    assert "<pre" not in rendered and "<code" not in rendered and "<hr" not in rendered
    assert "Dashes\n---" in rendered
    assert "snake_case" in rendered


def test_a_relative_link_keeps_its_text_but_goes_nowhere():
    rendered = str(render_markdown("[the directory](/en/letters/x/directory/)"))
    assert "the directory" in rendered
    assert "href" not in rendered


def test_a_backslash_keeps_a_number_at_a_line_start_from_making_a_list():
    assert str(render_markdown("2018\\. was a year.")) == "<p>2018. was a year.</p>"


def test_the_seed_renders_the_same_paragraphs_as_before():
    seed = TranslatedLetter(language="en", title="", summary="", body=load_seed()["body"])
    rendered = str(render_markdown(seed.body))
    # Before Markdown, the page showed each blank-line-separated block as one <p>.
    assert _tags(rendered) == {"p"}
    paragraphs = re.findall(r"<p>(.*?)</p>", rendered, re.S)
    assert [html.unescape(p) for p in paragraphs] == seed.paragraphs
    assert len(paragraphs) == 10


def test_the_same_text_is_rendered_once(monkeypatch):
    import letter.markdown

    calls = []
    real_render = letter.markdown._MD.render
    monkeypatch.setattr(letter.markdown._MD, "render", lambda t: calls.append(t) or real_render(t))
    assert render_markdown("*hot* page") == render_markdown("*hot* page")
    assert calls == ["*hot* page"]


def test_the_template_filter_renders_and_escapes():
    template = Template("{% load letter_markdown %}{{ body|markdown }}")
    rendered = template.render(Context({"body": "**bold** <b>raw</b>"}))
    assert rendered == "<p><strong>bold</strong> &lt;b&gt;raw&lt;/b&gt;</p>"


@pytest.mark.django_db
def test_the_letter_and_its_printable_version_show_formatted_text(client):
    letter = LetterFactory(body="## Why\n\nWe ask **you**.\n\n<script>alert(1)</script>")
    for name in ("signatories:letter", "signatories:print"):
        page = client.get(reverse(name, args=[letter.slug])).content.decode()
        assert "<h3>Why</h3>" in page
        assert "<strong>you</strong>" in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.django_db
def test_the_admin_previews_the_saved_body_and_its_translations(admin_client):
    letter = LetterFactory(body="# Heading\n\nSome *emphasis*.")
    letter.translations.create(language="fr", body="Du texte **fort**.")
    page = admin_client.get(reverse("admin:letter_letter_change", args=[letter.pk]))
    content = page.content.decode()
    assert '<div class="letter-body-preview"><h2>Heading</h2>' in content
    assert "<em>emphasis</em>" in content
    assert "<strong>fort</strong>" in content
