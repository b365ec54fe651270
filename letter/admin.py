from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from config.admin_actions import CheckedSelectionAdmin

from .models import Letter, LetterTranslation


class LetterTranslationInline(admin.StackedInline):
    model = LetterTranslation
    extra = 0
    fields = ["language", "title", "summary", "body"]


@admin.register(Letter)
class LetterAdmin(CheckedSelectionAdmin):
    list_display = ["title", "date", "signing_opens_at", "signing_closes_at", "signing_paused"]
    list_filter = ["signing_paused"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "recipient", "date", "summary", "body"]}),
        (_("Signing"), {"fields": ["signing_opens_at", "signing_closes_at"]}),
        (
            _("Pause"),
            {
                "fields": ["signing_paused", "pause_message"],
                "description": _(
                    "Pausing stops the form at once, for example while moderators catch up "
                    "or the coalition reviews the text. Nothing already submitted is lost."
                ),
            },
        ),
    ]
    search_fields = ["title", "slug", "recipient"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    inlines = [LetterTranslationInline]
