from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from config.admin_actions import CheckedSelectionAdmin

from .markdown import render_markdown
from .models import Letter, LetterTranslation


class BodyPreviewMixin:
    """The saved body as the letter page shows it, under the field where it is written."""

    @admin.display(description=_("Preview"))
    def preview(self, obj):
        if obj is None or not obj.body:
            return _("The text appears here, formatted, once it is saved.")
        return format_html('<div class="letter-body-preview">{}</div>', render_markdown(obj.body))


class LetterTranslationInline(BodyPreviewMixin, admin.StackedInline):
    model = LetterTranslation
    extra = 0
    fields = ["language", "title", "summary", "body", "preview"]
    readonly_fields = ["preview"]


@admin.register(Letter)
class LetterAdmin(BodyPreviewMixin, CheckedSelectionAdmin):
    list_display = ["title", "date", "signing_opens_at", "signing_closes_at", "signing_paused"]
    list_filter = ["signing_paused"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "recipient", "date", "summary", "body", "preview"]}),
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
    readonly_fields = ["preview"]
    search_fields = ["title", "slug", "recipient"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    inlines = [LetterTranslationInline]
