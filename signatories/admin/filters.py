"""The review queue's filters: by status (opening on the queue), by duplicate hint, and by
the countries the selected signatures come from."""

import functools
import operator

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from signatories.hints import DUPLICATE_HINTS
from signatories.models import Signature
from signatories.moderation.queue import countries_present


class StatusFilter(admin.SimpleListFilter):
    """Status filter that opens on the review queue instead of on every signature."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Signature.Status.choices, (self.ALL, _("All"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset.awaiting_review()
        if value == self.ALL:
            return queryset
        return queryset.filter(status=value)

    def choices(self, changelist):
        current = self.value() or Signature.Status.CONFIRMED
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


class DuplicateFilter(admin.SimpleListFilter):
    """Signatures another on the same letter may duplicate (see selectors.with_duplicate_hints,
    which the changelist's queryset applies)."""

    title = _("possible duplicates")
    parameter_name = "duplicate"
    ANY = "any"

    def lookups(self, request, model_admin):
        return [(self.ANY, _("Any")), *((name, h.label) for name, h in DUPLICATE_HINTS.items())]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.ANY:
            return queryset.filter(
                functools.reduce(operator.or_, (Q(**{name: True}) for name in DUPLICATE_HINTS))
            )
        if value in DUPLICATE_HINTS:
            return queryset.filter(**{value: True})
        return queryset


class CountryFilter(admin.SimpleListFilter):
    """Only the countries present among the signatures the other filters (and the search)
    select, each with its count, rather than every country in the world."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        # The choices depend on the other filters: they are read in choices(), once the
        # changelist knows them.
        return []

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(country=self.value())
        return queryset

    def choices(self, changelist):
        selected = changelist.get_queryset(
            self.request, exclude_parameters=self.expected_parameters()
        )
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("All"),
        }
        present = countries_present(selected)
        names = {code: countries.name(code) or code for code in present}
        for code in sorted(present, key=names.get):
            yield {
                "selected": self.value() == code,
                "query_string": changelist.get_query_string({self.parameter_name: code}),
                "display": f"{names[code]} ({present[code]})",
            }
