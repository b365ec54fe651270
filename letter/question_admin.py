"""The letter's own questions in the admin, where coordinators write them: kind, wording and
choices, their translations below, the order they are asked in. A question with answers is
not deleted (its answers would go with it): untick "asked" to stop asking it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .questions import Question, QuestionTranslation


class QuestionTranslationInline(admin.StackedInline):
    model = QuestionTranslation
    extra = 0
    fields = ["language", "label", "help_text", "choices"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["label", "letter", "kind", "required", "public", "asked", "position"]
    list_editable = ["position"]
    list_filter = ["letter", "kind", "public", "asked"]
    list_select_related = ["letter"]
    search_fields = ["label"]
    fieldsets = [
        (None, {"fields": ["letter", "position", "kind", "label", "help_text", "choices"]}),
        (_("Answers"), {"fields": ["required", "public", "asked"]}),
    ]
    inlines = [QuestionTranslationInline]
