from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Signature


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


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = [
        "organization",
        "country",
        "scope",
        "website",
        "email_domain",
        "confirmed_at",
        "status",
        "letter",
    ]
    list_filter = [StatusFilter, "letter", "country", "scope"]
    search_fields = ["organization", "email", "website"]
    ordering = ["confirmed_at", "created_at"]
    list_select_related = ["letter"]
    list_per_page = 100
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["approve_signatures", "reject_signatures"]
    fields = [
        "letter",
        "status",
        "organization",
        "country",
        "scope",
        "website",
        "contact_name",
        "email",
        "consented_at",
        "created_at",
        "confirmed_at",
        "decided_at",
        "decided_by",
        "withdrawn_at",
    ]
    # Status moves only through the actions, which check the transition; what the signer
    # gave as contact data stays as given.
    readonly_fields = [
        "letter",
        "status",
        "contact_name",
        "email",
        "consented_at",
        "created_at",
        "confirmed_at",
        "decided_at",
        "decided_by",
        "withdrawn_at",
    ]

    @admin.display(description=_("email domain"), ordering="email")
    def email_domain(self, signature):
        return signature.email_domain

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Nothing a signer submitted is deleted from the admin; reject or withdraw instead.
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("signatories.moderate_signature")

    @admin.action(description=_("Approve selected signatures"), permissions=["moderate"])
    def approve_signatures(self, request, queryset):
        self._decide_each(request, queryset, services.signature_approve, _("approved"))

    @admin.action(description=_("Reject selected signatures"), permissions=["moderate"])
    def reject_signatures(self, request, queryset):
        self._decide_each(request, queryset, services.signature_reject, _("rejected"))

    def _decide_each(self, request, queryset, decide, done):
        decided, refused = 0, []
        for signature in queryset:
            try:
                decide(signature=signature, moderator=request.user)
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
