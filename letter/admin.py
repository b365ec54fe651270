from django.contrib import admin

from .models import Letter


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "signing_opens_at", "signing_closes_at"]
    search_fields = ["title", "slug", "recipient"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
