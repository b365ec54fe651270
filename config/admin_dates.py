"""The admin's date hierarchy (`?date__year=...&date__month=...&date__day=...`) with any
value a query string can hold.

Django turns the three values into a datetime range itself, and catches only a ValueError:
a year too large for a C integer (`?date__year=99999999999999999999999`) raises
OverflowError, the year 9999 has no next year to end its range with, and a month or day
given alone is passed to the database as it is; each was a 500. Such a query is treated as
any other wrong filter: the list reopens without it."""

from datetime import MAXYEAR, MINYEAR, datetime

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList

# Each part's range; the year's ends before MAXYEAR since the range ends a year later.
_PARTS = {"year": (MINYEAR, MAXYEAR - 1), "month": (1, 12), "day": (1, 31)}


def _check_date_hierarchy(field, params):
    values = {}
    for part, (low, high) in _PARTS.items():
        given = params.get(f"{field}__{part}")
        if given is None:
            continue
        try:
            values[part] = int(given[-1])
        except ValueError as error:
            raise IncorrectLookupParameters(error) from error
        # A month or day alone is a plain filter: a huge one reaches the database.
        if not low <= values[part] <= high:
            raise IncorrectLookupParameters(f"{field}__{part} out of range")
    if "year" in values:
        try:
            datetime(values["year"], values.get("month", 1), values.get("day", 1))
        except ValueError as error:
            raise IncorrectLookupParameters(error) from error


class BoundedDateChangeList(ChangeList):
    def get_filters(self, request):
        if self.date_hierarchy:
            _check_date_hierarchy(self.date_hierarchy, self.filter_params)
        return super().get_filters(request)


class BoundedDateHierarchyAdmin(admin.ModelAdmin):
    """A ModelAdmin whose date hierarchy refuses out-of-range dates instead of failing."""

    def get_changelist(self, request, **kwargs):
        return BoundedDateChangeList
