"""The letter's share image (og:image): 1200×630 PNG with its title and its live count,
drawn with the bundled DejaVu Sans (signatories/fonts), so it looks the same on every
machine, Arabic included. Cached under the letter's public version, like the count: the
image changes as soon as the count does, and is drawn once per version and language.

Arabic letters join and run right to left only through Pillow's Raqm layout, which needs
FriBiDi (libfribidi0) on the machine. Without it an Arabic image would show the letters
apart and backwards, so it is drawn in the letter's original language instead."""

import io
from functools import cache as memoize
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import get_language_info, ngettext
from PIL import Image, ImageDraw, ImageFont, features

from letter.accent import readable_on_white
from letter.coalition import coalition_identity
from signatories.public.counts import approved_count

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"
# The background is the coalition's accent colour, darkened where white text would not read.
TEXT, ACCENT = "#ffffff", "#ffd43b"
TITLE_SIZES = (68, 60, 52, 44, 38)  # the largest size at which the title fits wins
TITLE_MAX_LINES = 4
IMAGE_CACHE_SECONDS = 24 * 3600


def can_shape_right_to_left():
    return features.check_feature("raqm")


def image_language(language):
    """The language the image is drawn in: `language`, unless its script cannot be drawn."""
    if get_language_info(language)["bidi"] and not can_shape_right_to_left():
        return settings.LANGUAGE_CODE
    return language


def share_image_png(letter, *, language):
    """PNG bytes of `letter`'s share image in `language`."""
    key = f"letter:{letter.pk}:v{letter.public_version}:share-image:{language}"
    png = cache.get(key)
    if png is None:
        png = _draw(letter, language=image_language(language))
        cache.set(key, png, IMAGE_CACHE_SECONDS)
    return png


@memoize
def _font(size):
    engine = ImageFont.Layout.RAQM if can_shape_right_to_left() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(FONT), size, layout_engine=engine)


def _draw(letter, *, language):
    count = approved_count(letter)
    with translation.override(language):
        title = letter.translated(language).title
        signed = ngettext(
            "%(counter)s organization has signed.", "%(counter)s organizations have signed.", count
        ) % {"counter": count}
        right_to_left = translation.get_language_bidi()
    background = readable_on_white(coalition_identity().accent_color)
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    # Right-to-left text hangs from the right margin.
    x, anchor = (WIDTH - MARGIN, "r") if right_to_left else (MARGIN, "l")
    size, lines = _fit_title(title)
    y = MARGIN
    for line in lines:
        draw.text((x, y), line, font=_font(size), fill=TEXT, anchor=anchor + "a")
        y += round(size * 1.25)
    draw.rectangle((MARGIN, HEIGHT - 200, WIDTH - MARGIN, HEIGHT - 194), fill=ACCENT)
    draw.text((x, HEIGHT - 160), signed, font=_font(48), fill=ACCENT, anchor=anchor + "a")
    site = urlsplit(settings.SITE_URL).netloc
    draw.text((x, HEIGHT - 80), site, font=_font(30), fill=TEXT, anchor=anchor + "a")
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def _fit_title(title):
    """(font size, lines) of the title wrapped at word boundaries; a title too long even at
    the smallest size is cut with an ellipsis."""
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        lines = _wrap(title, _font(size), width)
        if len(lines) <= TITLE_MAX_LINES:
            return size, lines
    lines = lines[:TITLE_MAX_LINES]
    lines[-1] = lines[-1].rstrip(" .,;:") + "…"
    return size, lines


def _wrap(text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and font.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines
