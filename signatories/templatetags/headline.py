"""The count headline, "N organizations from M countries have signed", with each number in
the element static/js/count.js updates."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

NUMBER_IDS = {"{count}": "signatory-count", "{countries}": "country-count"}
_MARKERS = re.compile(r"(\{count\}|\{countries\})")


@register.simple_tag
def count_headline(totals):
    numbers = {"{count}": totals.count, "{countries}": totals.countries}
    parts = [
        format_html('<span id="{}">{}</span>', NUMBER_IDS[part], numbers[part])
        if part in NUMBER_IDS
        else conditional_escape(part)
        for part in _MARKERS.split(totals.headline_pattern)
    ]
    return mark_safe("".join(parts))  # each part escaped above
