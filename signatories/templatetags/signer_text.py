"""Show in an email what a signer typed as inert text: quoted by the templates, and with the
punctuation that makes mail clients turn text into links (dots inside words, slashes)
replaced by look-alikes, so that a name like "see http://phish.example" links nowhere."""

import re

from django import template

register = template.Library()

_DOT_INSIDE_WORD = re.compile(r"(?<=\w)\.(?=\w)")
_LOOK_ALIKES = str.maketrans({"/": "\u2215", "@": "\uff20", ":": "\u2236"})


@register.filter
def as_submitted(value):
    # Not marked safe: the HTML templates still escape the result.
    return _DOT_INSIDE_WORD.sub("\u2024", str(value)).translate(_LOOK_ALIKES)
