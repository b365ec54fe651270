"""The coalition's accent colour as the pages use it: the colour itself (buttons, the
progress bar), the text colour readable on it, and a shade of it dark enough for links and
the count on white (WCAG's 4.5:1). Served as a small stylesheet of custom properties
(letter.views.accent_css) rather than inline, which the Content-Security-Policy forbids."""

import hashlib

# The accent when neither the admin nor COALITION_ACCENT_COLOR sets one; static/css/site.css
# holds the same colours, so a default site loads no extra stylesheet.
DEFAULT_ACCENT = "#1f5fa8"
READABLE = 4.5


def _channels(color):
    return [int(color[i : i + 2], 16) for i in (1, 3, 5)]


def _hex(channels):
    return "#" + "".join(f"{round(c):02x}" for c in channels)


def _luminance(color):
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_on_white(color):
    """`color`, darkened until text in it reads on white."""
    channels = _channels(color)
    while contrast(_hex(channels), "#ffffff") < READABLE:
        channels = [c * 0.9 for c in channels]
    return _hex(channels)


def palette(color):
    """{"accent", "on-accent", "accent-text"}: the colours a page needs from the accent."""
    accent = color.lower()
    on_accent = "#ffffff" if contrast(accent, "#ffffff") >= READABLE else "#111111"
    if contrast(accent, on_accent) < READABLE:
        accent = readable_on_white(accent)  # neither reads on it: darken the accent itself
        on_accent = "#ffffff"
    return {"accent": accent, "on-accent": on_accent, "accent-text": readable_on_white(color)}


def stylesheet(color):
    properties = "".join(f"--{name}:{value};" for name, value in palette(color).items())
    return f":root{{{properties}}}\n"


def stylesheet_digest(color):
    return hashlib.sha256(stylesheet(color).encode()).hexdigest()[:16]
