from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import models
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.admin_actions import CheckedSelectionAdmin

from . import admin_report, blocking, export, services
from .forms import ModeratorSignatureForm, RejectionForm, WebsiteField
from .models import (
    BlockedEmailDomain,
    BlockedNetwork,
    DomainCheck,
    Notification,
    Signature,
    SignatureEvent,
)


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


# Annotation name -> what another signature on the same letter shares with this one.
DUPLICATE_HINTS = {
    "same_name": _("same name"),
    "same_email_domain": _("same email domain"),
    "same_website": _("same website"),
}


def _others_sharing(field, *, unless):
    others = Signature.objects.filter(letter=OuterRef("letter"), **{field: OuterRef(field)})
    return Exists(others.exclude(pk=OuterRef("pk")).exclude(unless))


def with_duplicate_hints(queryset):
    """Annotate each signature with whether another on its letter looks like the same
    organization; computed in the list's own query, whatever the number of rows."""
    return queryset.annotate(
        same_name=_others_sharing("organization_key", unless=models.Q(organization_key="")),
        same_email_domain=_others_sharing(
            "email_domain",
            unless=models.Q(email_domain="") | models.Q(domain_check=DomainCheck.WEBMAIL),
        ),
        same_website=_others_sharing("website_domain", unless=models.Q(website_domain="")),
    )


class DuplicateFilter(admin.SimpleListFilter):
    title = _("possible duplicates")
    parameter_name = "duplicate"

    def lookups(self, request, model_admin):
        return [("any", _("Any")), *DUPLICATE_HINTS.items()]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "any":
            return queryset.filter(
                models.Q(same_name=True)
                | models.Q(same_email_domain=True)
                | models.Q(same_website=True)
            )
        if value in DUPLICATE_HINTS:
            return queryset.filter(**{value: True})
        return queryset


class SignatureEventInline(admin.TabularInline):
    model = SignatureEvent
    verbose_name_plural = _("audit trail")
    fields = ["at", "action", "actor", "details"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    # The trail is part of the signature: whoever may see the signature sees its trail,
    # and nobody edits it.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("signatories.view_signature")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class NotificationInline(admin.TabularInline):
    """The emails owed to the signer and what became of each: sent, still owed, or refused
    for good by the mail server (with its reply, without the address), so that a moderator
    knows when a signer never received a link."""

    model = Notification
    verbose_name_plural = _("emails to the signer")
    fields = ["kind", "created_at", "sent_at", "failed_at", "failure"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("signatories.view_signature")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


CORRECTABLE = list(services.CORRECTABLE_FIELDS)
RECORDED = [
    "letter",
    "status",
    "hints",
    "as_submitted",
    "contact_name",
    "email",
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
    list_filter = [StatusFilter, DuplicateFilter, "domain_check", "letter", "country", "scope"]
    search_fields = ["organization", "email", "website"]
    ordering = ["confirmed_at", "created_at"]
    list_select_related = ["letter"]
    list_per_page = 100
    # A moderator's correction of the website is held to the rules of the sign-on form.
    formfield_overrides = {models.URLField: {"form_class": WebsiteField}}
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
            services.signature_correct(signature=obj, moderator=request.user, changes=changes)
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
        found = [str(label) for name, label in DUPLICATE_HINTS.items() if getattr(signature, name)]
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
        for name, label in DUPLICATE_HINTS.items():
            matches = self._others_matching(signature, name)
            if matches:
                links = format_html_join(", ", '<a href="{}">{}</a>', matches)
                rows.append((label, links))
        return format_html_join("", "<div><strong>{}</strong>: {}</div>", rows)

    def _others_matching(self, signature, hint):
        field, value = {
            "same_name": ("organization_key", signature.organization_key),
            "same_email_domain": ("email_domain", signature.email_domain),
            "same_website": ("website_domain", signature.website_domain),
        }[hint]
        if not value or (hint == "same_email_domain" and signature.domain_check == "webmail"):
            return []
        others = Signature.objects.filter(letter=signature.letter_id, **{field: value})
        return [
            (reverse("admin:signatories_signature_change", args=[other.pk]), other.organization)
            for other in others.exclude(pk=signature.pk).only("pk", "organization")[:20]
        ]

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
        self._decide_each(request, queryset, services.signature_approve, _("approved"))

    @admin.action(description=_("Reject selected signatures…"), permissions=["moderate"])
    def reject_signatures(self, request, queryset):
        """First show a page asking for the reason; its form posts back to this action."""
        form = RejectionForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            self._decide_each(
                request, queryset, services.signature_reject, _("rejected"), reason=reason
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


class BlockListAdmin(CheckedSelectionAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        blocking.forget_lists()  # this process applies the change at once; others within 10 s

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        blocking.forget_lists()


@admin.register(BlockedEmailDomain)
class BlockedEmailDomainAdmin(BlockListAdmin):
    list_display = ["domain", "note", "created_at"]
    search_fields = ["domain", "note"]


@admin.register(BlockedNetwork)
class BlockedNetworkAdmin(BlockListAdmin):
    list_display = ["network", "note", "created_at"]
    search_fields = ["network", "note"]
