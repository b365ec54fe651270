"""Letter text (and anything else a coordinator writes for the public pages) in a Markdown
subset: paragraphs, headings, bulleted and numbered lists, links, emphasis and block quotes.

markdown-it-py turns the text into HTML with raw HTML switched off, then nh3 keeps only the
elements of that subset, so neither a typing slip nor a hostile translation can put a script,
an image or a style on the page. Plain text with blank lines between paragraphs, which every
letter was before, renders as the same paragraphs."""

import hashlib

import nh3
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

# Everything else CommonMark knows is off. Indented code in particular: a plain-text letter
# with an indented paragraph must not turn into a code block. Setext headings and rules are
# off so that a line of dashes or equals signs stays text.
_DISABLED_RULES = [
    "code",
    "fence",
    "hr",
    "lheading",
    "html_block",
    "html_inline",
    "image",
    "backticks",
]

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "blockquote",
}  # fmt: skip
# "start" keeps a list numbered as written ("3. ..." after a paragraph).
# "*" empty: no attribute on every tag (ammonia would otherwise keep "title" and "lang").
ALLOWED_ATTRIBUTES = {"*": set(), "a": {"href"}, "ol": {"start"}}
LINK_REL = "nofollow noopener noreferrer"

# The page has its own h1 (the letter's title): "# Heading" in the text is the page's h2.
_HEADING_SHIFT = 1


def _shift_headings(state):
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + _HEADING_SHIFT, 6)
            token.tag = f"h{level}"


def _parser():
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(_DISABLED_RULES)
    md.core.ruler.push("shift_headings", _shift_headings)
    return md


_MD = _parser()
_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)

_CACHE_PREFIX = "letter:markdown:v1:"


def render_markdown(text: str) -> SafeString:
    """The text as safe HTML. Kept in the process's local cache by a hash of the text: the
    letter page is the busiest page, and its text rarely changes."""
    text = text or ""
    key = _CACHE_PREFIX + hashlib.sha256(text.encode()).hexdigest()
    cache = caches["local"]
    html = cache.get(key)
    if html is None:
        html = _CLEANER.clean(_MD.render(text)).strip()
        cache.set(key, html, None)
    return mark_safe(html)  # noqa: S308 - cleaned by nh3 to the allow-list above
