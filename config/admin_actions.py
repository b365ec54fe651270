"""Admin actions on a selection that is not a list of ids (a tampered or hand-made form)."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CheckedSelectionAdmin(admin.ModelAdmin):
    def response_action(self, request, queryset):
        """Refuse a selected value that is not an id with the admin's own "nothing selected"
        message: the database would otherwise fail on it (a 500)."""
        pk = self.model._meta.pk
        try:
            for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
                pk.run_validators(pk.to_python(value))
        except ValidationError:
            message = _(
                "Items must be selected in order to perform "
                "actions on them. No items have been changed."
            )
            self.message_user(request, message, messages.WARNING)
            return None
        return super().response_action(request, queryset)
