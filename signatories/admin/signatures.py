"""The moderators' workplace for signatures: the review queue, a signature's page with its
hints, emails and audit trail, the decisions, and signatures received on paper."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.admin_actions import CheckedSelectionAdmin

from .. import admin_report, export, review, services
from ..forms import ModeratorSignatureForm, RejectionForm, SignatureCorrectionForm
from ..hints import DUPLICATE_HINTS, DomainCheck
from ..models import Notification, Signature, SignatureEvent
from ..selectors import signatures_sharing, with_duplicate_hints
from .filters import DuplicateFilter, StatusFilter


class TrailInline(admin.TabularInline):
    """Part of the signature: whoever may see the signature sees it, and nobody edits it."""

    extra = 0
    can_delete = False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("signatories.view_signature")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SignatureEventInline(TrailInline):
    model = SignatureEvent
    verbose_name_plural = _("audit trail")
    fields = ["at", "action", "actor", "details"]
    readonly_fields = fields


class NotificationInline(TrailInline):
    """The emails owed to the signer and what became of each: sent, still owed, or refused
    for good by the mail server (with its reply, without the address), so that a moderator
    knows when a signer never received a link."""

    model = Notification
    verbose_name_plural = _("emails to the signer")
    fields = ["kind", "created_at", "sent_at", "failed_at", "failure"]
    readonly_fields = fields


CORRECTABLE = list(services.CORRECTABLE_FIELDS)
RECORDED = [
    "letter",
    "status",
    "hints",
    "as_submitted",
    "contact_name",
    "email",
    "wants_updates",
    "consented_at",
    "created_at",
    "confirmed_at",
    "decided_at",
    "decided_by",
    "rejection_reason",
    "withdrawn_at",
    "added_by_moderator",
]


@admin.register(Signature)
class SignatureAdmin(CheckedSelectionAdmin):
    list_display = [
        "organization",
        "country",
        "scope",
        "website",
        "email_domain",
        "domain_hint",
        "duplicate_hints",
        "confirmed_at",
        "waiting",
        "status",
        "letter",
    ]
    list_filter = [
        StatusFilter,
        DuplicateFilter,
        "domain_check",
        "letter",
        "country",
        "scope",
        "wants_updates",
    ]
    search_fields = ["organization", "email", "website"]
    ordering = ["confirmed_at", "created_at"]
    list_select_related = ["letter"]
    list_per_page = 100
    # A moderator's correction is held to the rules of the sign-on form.
    form = SignatureCorrectionForm
    actions = ["approve_signatures", "reject_signatures", "export_csv", "export_json"]
    inlines = [NotificationInline, SignatureEventInline]
    # Status moves only through the actions, which check the transition; contact data stays
    # as the signer gave it; a moderator corrects only how the organization appears.
    fields = [*CORRECTABLE, *RECORDED]
    readonly_fields = RECORDED

    def get_queryset(self, request):
        return with_duplicate_hints(super().get_queryset(request))

    def get_urls(self):
        report = self.admin_site.admin_view(lambda request: admin_report.report_view(request, self))
        name = "signatories_signature_report"
        return [path("report/", report, name=name), *super().get_urls()]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ModeratorSignatureForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*ModeratorSignatureForm.SIGNATURE_FIELDS, "agreed"]
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def has_delete_permission(self, request, obj=None):
        # Nothing a signer submitted is deleted from the admin; reject or withdraw instead.
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("signatories.moderate_signature")

    def save_model(self, request, obj, form, change):
        if change:
            changes = {f: form.cleaned_data[f] for f in form.changed_data if f in CORRECTABLE}
            review.signature_correct(signature=obj, moderator=request.user, changes=changes)
        else:
            created = services.signature_add_by_moderator(
                moderator=request.user, **form.signature_fields()
            )
            obj.pk = created.pk

    @admin.display(description=_("email vs website"), ordering="domain_check")
    def domain_hint(self, signature):
        warn = signature.domain_check != DomainCheck.MATCH
        return format_html(
            '<span class="hint {}">{}</span>',
            "hint-warn" if warn else "hint-ok",
            signature.get_domain_check_display(),
        )

    @admin.display(description=_("possible duplicates"))
    def duplicate_hints(self, signature):
        found = [str(h.label) for name, h in DUPLICATE_HINTS.items() if getattr(signature, name)]
        if not found:
            return "—"
        return format_html('<span class="hint hint-warn">{}</span>', ", ".join(found))

    @admin.display(description=_("waiting for"), ordering="confirmed_at")
    def waiting(self, signature):
        if signature.status != Signature.Status.CONFIRMED or not signature.confirmed_at:
            return "—"
        return timesince(signature.confirmed_at)

    @admin.display(description=_("hints"))
    def hints(self, signature):
        rows = [(_("Email vs website"), signature.get_domain_check_display())]
        for name, hint in DUPLICATE_HINTS.items():
            matches = [
                (reverse("admin:signatories_signature_change", args=[other.pk]), other.organization)
                for other in signatures_sharing(signature, name)
            ]
            if matches:
                links = format_html_join(", ", '<a href="{}">{}</a>', matches)
                rows.append((hint.label, links))
        return format_html_join("", "<div><strong>{}</strong>: {}</div>", rows)

    @admin.display(description=_("as submitted"))
    def as_submitted(self, signature):
        submitted = signature.submitted or {}
        rows = [
            (field, submitted.get(field, ""), str(getattr(signature, field)))
            for field in CORRECTABLE
        ]
        return format_html(
            "<table><tr><th></th><th>{}</th><th>{}</th></tr>{}</table>",
            _("submitted"),
            _("shown now"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    @admin.action(description=_("Approve selected signatures"), permissions=["moderate"])
    def approve_signatures(self, request, queryset):
        self._decide_each(request, queryset, review.signature_approve, _("approved"))

    @admin.action(description=_("Reject selected signatures…"), permissions=["moderate"])
    def reject_signatures(self, request, queryset):
        """First show a page asking for the reason; its form posts back to this action."""
        form = RejectionForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            self._decide_each(
                request, queryset, review.signature_reject, _("rejected"), reason=reason
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "signatures": queryset,
            "form": form,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/signatories/signature/reject_reason.html", context)

    def _decide_each(self, request, queryset, decide, done, **extra):
        decided, refused = 0, []
        for signature in queryset:
            try:
                decide(signature=signature, moderator=request.user, **extra)
                decided += 1
            except services.IllegalTransition as refusal:
                refused.append(f"{signature.organization}: {refusal}")
        if decided:
            message = ngettext(
                "%(count)d signature %(done)s.", "%(count)d signatures %(done)s.", decided
            )
            self.message_user(request, message % {"count": decided, "done": done})
        for reason in refused:
            self.message_user(request, reason, messages.WARNING)

    @admin.action(description=_("Export approved among selected as CSV"))
    def export_csv(self, request, queryset):
        return export.export_response(queryset, "csv", "signatories")

    @admin.action(description=_("Export approved among selected as JSON"))
    def export_json(self, request, queryset):
        return export.export_response(queryset, "json", "signatories")
