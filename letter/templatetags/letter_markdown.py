"""{{ text|markdown }}: a letter's text (or any text a coordinator writes for the public
pages) as the safe HTML of letter.markdown."""

from django import template

from letter.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(value):
    return render_markdown(str(value or ""))
