"""A select for long, fixed choice lists (the ~250 countries) that renders its options once
per language instead of through one template per option on every request: on the sign-on
form that template work was most of the page's cost."""

import hashlib

from django import forms
from django.core.cache import caches
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


class CachedOptionsSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = _options_html(get_language(), tuple(self.choices))
        selected = "" if value in (None, "") else conditional_escape(str(value))
        if selected:
            options = options.replace(f'value="{selected}">', f'value="{selected}" selected>', 1)
        # Every piece was escaped by format_html when cached; the value by conditional_escape.
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))  # noqa: S308


def _options_html(language, choices):
    # Keyed by the labels as translated when the choices were built, and the language.
    text = "\n".join(f"{value}\t{label}" for value, label in choices)
    digest = hashlib.sha256(text.encode()).hexdigest()
    key = f"signatories:options:{language}:{digest}"
    html = caches["local"].get(key)
    if html is None:
        html = "".join(
            format_html('<option value="{}">{}</option>', value, label) for value, label in choices
        )
        caches["local"].set(key, html, None)
    return html
