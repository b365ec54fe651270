"""Importing a coalition's existing signatories, for coordinators and superusers (not
moderators): a file is read, its preview shows what each row will store, why a row is
refused and what it may duplicate, the columns' mapping can be corrected, and nothing is
stored until the import is confirmed."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from letter.models import Letter
from signatories.imports import preview as import_preview
from signatories.imports import services
from signatories.imports.columns import FIELDS
from signatories.models import Signature, SignatureImport

PERMISSION = "signatories.import_signatures"


class ImportFileForm(forms.Form):
    letter = forms.ModelChoiceField(Letter.objects.all(), label=gettext_lazy("Letter"))
    mode = forms.ChoiceField(
        choices=SignatureImport.Mode.choices,
        widget=forms.RadioSelect,
        label=gettext_lazy("What these signatories are"),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV or XLSX, as your spreadsheet exports it, with a header row naming the "
            "columns in English, French, Spanish or Arabic."
        ),
    )


class MappingForm(forms.Form):
    """One choice per column of the file: the field it fills, or none."""

    def __init__(self, *args, header, mapping, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not imported —"))] + [
            (name, str(Signature._meta.get_field(name).verbose_name).capitalize())
            for name in FIELDS
        ]
        for index, title in enumerate(header):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=title or _("Column %(number)d") % {"number": index + 1},
                choices=choices,
                required=False,
                initial=mapping.get(str(index), ""),
            )

    def mapping(self):
        return {
            name.removeprefix("column_"): value
            for name, value in self.cleaned_data.items()
            if value
        }


@admin.register(SignatureImport)
class SignatureImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "letter", "mode", "run_by", "created_at", "imported_at", "added"]
    list_filter = ["mode", "letter"]
    fields = [
        "file_name", "letter", "mode", "run_by", "created_at", "imported_at", "added", "invited",
    ]  # fmt: skip
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(PERMISSION)

    def has_module_permission(self, request):
        return request.user.has_perm(PERMISSION)

    def has_add_permission(self, request):
        return request.user.has_perm(PERMISSION)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        name = "signatories_signatureimport_preview"
        return [path("<int:pk>/preview/", preview, name=name), *super().get_urls()]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                signature_import = services.signature_import_read(
                    letter=form.cleaned_data["letter"],
                    file_name=upload.name,
                    data=upload.read(settings.IMPORT_MAX_BYTES + 1),
                    mode=form.cleaned_data["mode"],
                    user=request.user,
                )
            except services.ImportRefused as refusal:
                form.add_error("file", str(refusal))
            else:
                return redirect(_preview_url(signature_import))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import signatories from a file"),
            "opts": self.opts,
            "form": form,
        }
        return TemplateResponse(request, "admin/signatories/signatureimport/upload.html", context)

    def preview_view(self, request, pk):
        if not self.has_add_permission(request):
            raise PermissionDenied
        signature_import = get_object_or_404(
            SignatureImport.objects.select_related("letter"), pk=pk
        )
        if signature_import.imported_at:
            return redirect(reverse("admin:signatories_signatureimport_change", args=[pk]))
        form = MappingForm(
            request.POST or None,
            header=signature_import.header,
            mapping=signature_import.mapping,
        )
        if request.method == "POST" and form.is_valid():
            return self._preview_post(request, signature_import, form)
        preview = import_preview.import_preview(signature_import)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preview of %(file)s") % {"file": signature_import.file_name},
            "opts": self.opts,
            "signature_import": signature_import,
            "form": form,
            "preview": preview,
            "counts": {
                "new": preview.count(import_preview.NEW),
                "refused": preview.count(import_preview.REFUSED),
                "skipped": preview.count(import_preview.SKIPPED),
            },
            "missing": [Signature._meta.get_field(name).verbose_name for name in preview.missing],
            "default_language": dict(settings.LANGUAGES)[settings.LANGUAGE_CODE],
        }
        return TemplateResponse(request, "admin/signatories/signatureimport/preview.html", context)

    def _preview_post(self, request, signature_import, form):
        signature_import = services.signature_import_map(
            signature_import=signature_import, mapping=form.mapping()
        )
        if "confirm" not in request.POST:
            return redirect(_preview_url(signature_import))
        if import_preview.import_preview(signature_import).missing:
            return redirect(_preview_url(signature_import))
        try:
            done = services.signature_import_run(signature_import=signature_import)
        except services.AlreadyImported:
            done = signature_import
        else:
            self.message_user(request, _summary(done), messages.SUCCESS)
        return redirect(reverse("admin:signatories_signatureimport_change", args=[done.pk]))


def _preview_url(signature_import):
    return reverse("admin:signatories_signatureimport_preview", args=[signature_import.pk])


def _summary(done):
    if done.mode == SignatureImport.Mode.INVITE:
        return _(
            "%(added)d signatures imported, awaiting their signers; %(invited)d invitations "
            "will be sent at the update emails' pace."
        ) % {"added": done.added, "invited": done.invited}
    return _("%(added)d signatures imported, approved and listed as given.") % {"added": done.added}
