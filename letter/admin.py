import re

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from config.admin_actions import CheckedSelectionAdmin
from config.admin_dates import BoundedDateHierarchyAdmin

from .logo import LOGO_MAX_BYTES, logo_from_upload
from .markdown import render_markdown
from .models import Coalition, Letter, LetterTranslation, LetterUpdate, LetterUpdateTranslation
from .revisions import letter_version_record
from .text_changes import (
    COORDINATOR_LETTER_FIELDS,
    TEXT_CHANGE_REASON,
    LetterForm,
    LetterTranslationFormSet,
    may_change_text,
)


class BodyPreviewMixin:
    """The saved body as the letter page shows it, under the field where it is written."""

    @admin.display(description=_("Preview"))
    def preview(self, obj):
        if obj is None or not obj.body:
            return _("The text appears here, formatted, once it is saved.")
        return format_html('<div class="letter-body-preview">{}</div>', render_markdown(obj.body))


class LetterTranslationInline(BodyPreviewMixin, admin.StackedInline):
    model = LetterTranslation
    formset = LetterTranslationFormSet
    extra = 0
    fields = ["language", "title", "summary", "body", "preview"]
    readonly_fields = ["preview"]

    def has_add_permission(self, request, obj=None):
        return may_change_text(request) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return may_change_text(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return may_change_text(request) and super().has_delete_permission(request, obj)


@admin.register(Letter)
class LetterAdmin(BodyPreviewMixin, BoundedDateHierarchyAdmin, CheckedSelectionAdmin):
    """Superusers (and anyone given "Can change a letter's text") edit everything, a
    signed letter's text with a reason; coordinators only COORDINATOR_LETTER_FIELDS."""

    form = LetterForm
    list_display = ["title", "date", "signing_opens_at", "signing_closes_at", "signing_paused"]
    list_filter = ["signing_paused"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "recipient", "date", "summary", "body", "preview"]}),
        (_("Changing the signed text"), {"fields": [TEXT_CHANGE_REASON, "versions"]}),
        (_("Signing"), {"fields": ["signing_opens_at", "signing_closes_at", "signature_goal"]}),
        (_("Delivery"), {"fields": ["delivered_on"]}),
        (
            _("Standard questions"),
            {
                "fields": ["asks_role", "asks_authority"],
                "description": _("The letter's own questions are under Questions."),
            },
        ),
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
    readonly_fields = ["preview", "versions"]
    search_fields = ["title", "slug", "recipient"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    inlines = [LetterTranslationInline]

    def get_readonly_fields(self, request, obj=None):
        if may_change_text(request):
            return self.readonly_fields
        editable = {*COORDINATOR_LETTER_FIELDS, TEXT_CHANGE_REASON}
        return [f for f in flatten_fieldsets(self.fieldsets) if f not in editable]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not may_change_text(request):
            form.base_fields.pop(TEXT_CHANGE_REASON, None)  # a new class each time
        return form

    def get_fieldsets(self, request, obj=None):
        # The reason is asked only where it can apply: a letter whose text this user edits.
        shown = obj is not None and may_change_text(request)
        return [fs for fs in self.fieldsets if shown or TEXT_CHANGE_REASON not in fs[1]["fields"]]

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if may_change_text(request) else {}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        reason = form.cleaned_data.get(TEXT_CHANGE_REASON, "")
        letter_version_record(letter=form.instance, reason=reason, author=request.user)

    @admin.display(description=_("Versions of the text"))
    def versions(self, obj):
        versions = obj.versions.order_by("-number") if obj else []
        rows = [
            (v.number, date_format(v.created_at, "DATETIME_FORMAT"), v.reason or "—")
            for v in versions
        ]
        return format_html_join("", "<div>{} · {} · {}</div>", rows) or "—"


class CoalitionForm(forms.ModelForm):
    class Meta:
        model = Coalition
        fields = ["name", "website", "contact_email", "accent_color"]

    # A website typed without a scheme is reached over HTTPS (Django 6's default, chosen now).
    website = forms.URLField(
        label=_("website"), required=False, max_length=200, assume_scheme="https"
    )

    logo_upload = forms.FileField(
        label=_("logo"),
        required=False,
        help_text=_(
            "A PNG or JPEG image of at most 512 KB and 2000 × 2000 pixels, shown in the header."
        ),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if upload is None:
            return None
        if upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo must be at most 512 KB."))
        return logo_from_upload(upload.read())

    def save(self, commit=True):
        coalition = super().save(commit=False)
        if self.cleaned_data.get("remove_logo"):
            coalition.logo, coalition.logo_type = b"", ""
            coalition.logo_width = coalition.logo_height = 0
        elif self.cleaned_data.get("logo_upload"):
            logo = self.cleaned_data["logo_upload"]
            coalition.logo, coalition.logo_type = logo.content, logo.content_type
            coalition.logo_width, coalition.logo_height = logo.width, logo.height
        if commit:
            coalition.save()
        return coalition


@admin.register(Coalition)
class CoalitionAdmin(admin.ModelAdmin):
    """One row: who runs the site. Saving it shows the change on every page at once."""

    form = CoalitionForm
    list_display = ["__str__", "website", "contact_email"]
    fields = ["name", "website", "contact_email", "accent_color", "logo_upload", "remove_logo"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Coalition.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class LetterUpdateTranslationInline(admin.StackedInline):
    model = LetterUpdateTranslation
    extra = 0
    fields = ["language", "title", "body"]


def _safe_file_name(name):
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name.rsplit(".", 1)[0]).strip("-.")[:150]
    return f"{stem or 'attachment'}.pdf"


class LetterUpdateForm(forms.ModelForm):
    """The update, with its optional PDF read into the database: only a real PDF (it starts
    with %PDF-), at most UPDATE_ATTACHMENT_MAX_BYTES."""

    pdf = forms.FileField(
        label=_("PDF attachment"),
        required=False,
        help_text=_("Optional. A PDF file, shown as a download with the update."),
    )
    remove_pdf = forms.BooleanField(label=_("Remove the attachment"), required=False)

    class Meta:
        model = LetterUpdate
        fields = ["letter", "title", "published_on", "body"]

    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        if not upload:
            return None
        limit = settings.UPDATE_ATTACHMENT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large: at most %(size)s.") % {"size": filesizeformat(limit)}
            )
        content = upload.read()
        if not content.startswith(b"%PDF-"):
            raise forms.ValidationError(_("This is not a PDF file."))
        return content, _safe_file_name(upload.name)

    def save(self, commit=True):
        update = super().save(commit=False)
        if self.cleaned_data.get("pdf"):
            update.attachment, update.attachment_name = self.cleaned_data["pdf"]
        elif self.cleaned_data.get("remove_pdf"):
            update.attachment, update.attachment_name = b"", ""
        if commit:
            update.save()
        return update


@admin.register(LetterUpdate)
class LetterUpdateAdmin(BoundedDateHierarchyAdmin, CheckedSelectionAdmin):
    """Coordinators publish updates here; saving one changes the letter page at once. The
    email to signatories is sent from the actions (added by signatories.admin.updates)."""

    form = LetterUpdateForm
    list_display = ["title", "letter", "published_on", "attachment_name"]
    list_filter = ["letter"]
    list_select_related = ["letter"]
    search_fields = ["title"]
    date_hierarchy = "published_on"
    fields = ["letter", "title", "published_on", "body", "attachment_name", "pdf", "remove_pdf"]
    readonly_fields = ["attachment_name"]
    inlines = [LetterUpdateTranslationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("attachment")


# The questions' admin registers itself.
from . import question_admin  # noqa: E402, F401
