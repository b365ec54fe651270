"""Issue 23, item 7: dates in a form no reader mistakes for another day, in every language,
on the pages, in the admin's report and in the emails (config/formats)."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

DAY = datetime.date(2026, 2, 11)


@pytest.mark.parametrize(
    "language, expected",
    [("en", "11 Feb 2026"), ("fr", "11 fév 2026"), ("es", "11 Feb 2026")],
)
def test_dates_are_unambiguous_in_every_language(language, expected):
    template = Template('{{ day|date:"DATE_FORMAT" }}|{{ day|date:"SHORT_DATE_FORMAT" }}|{{ day }}')
    with translation.override(language):
        rendered = template.render(Context({"day": DAY}))
    for shown in rendered.split("|"):
        assert "/" not in shown and "11" in shown and "2026" in shown
    assert rendered.split("|")[0].casefold() == expected.casefold()


def test_arabic_dates_name_the_month():
    with translation.override("ar"):
        rendered = Template('{{ day|date:"SHORT_DATE_FORMAT" }}').render(Context({"day": DAY}))
    assert "/" not in rendered and "2026" in rendered
