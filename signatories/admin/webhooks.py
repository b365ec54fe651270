"""Webhooks in the admin, for superusers only (an endpoint may receive contact data): the
URLs registered, a button that sends a test event, and every delivery with what became of it
(delivered, owed and when it is tried next, or refused for good and why)."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from config.admin_actions import CheckedSelectionAdmin
from signatories.models import WebhookDelivery, WebhookEndpoint
from signatories.webhooks.events import webhook_test_owe


class SuperuserOnly:
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(SuperuserOnly, CheckedSelectionAdmin):
    list_display = ["url", "description", "active", "receives_contact_data", "deliveries_link"]
    fields = ["url", "description", "active", "receives_contact_data", "secret"]
    change_form_template = "admin/signatories/webhookendpoint/change_form.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        owed = Q(deliveries__delivered_at__isnull=True, deliveries__failed_at__isnull=True)
        return (
            super()
            .get_queryset(request)
            .annotate(
                failed=Count("deliveries", filter=Q(deliveries__failed_at__isnull=False)),
                owed=Count("deliveries", filter=owed),
            )
        )

    def get_urls(self):
        send_test = self.admin_site.admin_view(require_POST(self.send_test_event))
        name = "signatories_webhookendpoint_test"
        return [path("<int:pk>/test/", send_test, name=name), *super().get_urls()]

    def send_test_event(self, request, pk):
        if not self.has_change_permission(request):
            return redirect("admin:index")
        endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
        webhook_test_owe(endpoint=endpoint)
        self.message_user(
            request,
            _("A test event is on its way; its delivery is listed under Webhook deliveries."),
            messages.SUCCESS,
        )
        return redirect("admin:signatories_webhookendpoint_change", pk)

    @admin.display(description=_("deliveries"))
    def deliveries_link(self, endpoint):
        url = reverse("admin:signatories_webhookdelivery_changelist")
        return format_html(
            '<a href="{}?endpoint__id__exact={}">{}</a>',
            url,
            endpoint.pk,
            _("%(owed)d owed, %(failed)d refused")
            % {"owed": endpoint.owed, "failed": endpoint.failed},
        )


class OutcomeFilter(admin.SimpleListFilter):
    title = _("outcome")
    parameter_name = "outcome"

    def lookups(self, request, model_admin):
        return [("owed", _("Owed")), ("delivered", _("Delivered")), ("failed", _("Refused"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "owed":
            return queryset.owed()
        if value == "delivered":
            return queryset.filter(delivered_at__isnull=False)
        if value == "failed":
            return queryset.filter(failed_at__isnull=False)
        return queryset


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(SuperuserOnly, CheckedSelectionAdmin):
    list_display = [
        "event_type",
        "endpoint",
        "created_at",
        "outcome",
        "attempts",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = [OutcomeFilter, "event_type", "endpoint"]
    list_select_related = ["endpoint"]
    readonly_fields = [
        "endpoint",
        "event_id",
        "event_type",
        "payload",
        "created_at",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "failed_at",
        "last_error",
    ]
    fields = readonly_fields

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("outcome"))
    def outcome(self, delivery):
        if delivery.delivered_at:
            return _("Delivered")
        if delivery.failed_at:
            return format_html('<strong class="errornote">{}</strong>', _("Refused for good"))
        return _("Owed")
