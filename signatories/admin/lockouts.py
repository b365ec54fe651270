"""Who is locked out of the admin login, and lifting a lockout (as `manage.py
clear_admin_lockout` does)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from signatories.abuse.lockouts import lockout_clear
from signatories.models import AdminLoginLockout


class ActiveFilter(admin.SimpleListFilter):
    """Opens on the lockouts in force; expired ones on request."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("all", _("Including expired"))]

    def choices(self, changelist):
        choices = list(super().choices(changelist))
        choices[0]["display"] = _("Locked now")
        return choices

    def queryset(self, request, queryset):
        return queryset if self.value() == "all" else queryset.active()


@admin.register(AdminLoginLockout)
class AdminLoginLockoutAdmin(admin.ModelAdmin):
    list_display = ["scope", "username", "network_hash", "locked_at", "expires_at"]
    list_filter = [ActiveFilter, "scope"]
    search_fields = ["username"]
    actions = ["lift"]

    @admin.display(description=_("network (hashed)"))
    def network_hash(self, lockout):
        return lockout.network[:12]

    @admin.action(description=_("Lift the selected lockouts"))
    def lift(self, request, queryset):
        lifted = sum(
            lockout_clear(username=lockout.username, network=lockout.network)
            for lockout in queryset
        )
        message = ngettext("%(count)d lockout lifted.", "%(count)d lockouts lifted.", lifted)
        self.message_user(request, message % {"count": lifted}, messages.SUCCESS)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
