"""Emailing updates from the admin: an action on the updates ("Email to the signatories who
asked"), and the list of sends with their progress, paused and resumed by actions.
Coordinators see counts only, never who the recipients are."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.admin_actions import CheckedSelectionAdmin
from letter.admin import LetterUpdateAdmin
from letter.models import LetterUpdate
from signatories.mail.updates import mailing as update_mailing
from signatories.models import UpdateSend

admin.site.unregister(LetterUpdate)


@admin.register(LetterUpdate)
class SendableLetterUpdateAdmin(LetterUpdateAdmin):
    actions = ["email_to_signatories"]

    @admin.action(
        description=_("Email to the signatories who asked for updates"),
        permissions=["send"],
    )
    def email_to_signatories(self, request, queryset):
        for update in queryset.select_related("letter"):
            _send, added = update_mailing.update_send_start(update=update, started_by=request.user)
            self.message_user(
                request,
                ngettext(
                    "“%(title)s”: %(count)d more signatory will receive it by email.",
                    "“%(title)s”: %(count)d more signatories will receive it by email.",
                    added,
                )
                % {"title": update.title, "count": added},
                messages.SUCCESS,
            )

    def has_send_permission(self, request):
        return request.user.has_perm("signatories.add_updatesend")


@admin.register(UpdateSend)
class UpdateSendAdmin(CheckedSelectionAdmin):
    list_display = [
        "update",
        "letter",
        "started_at",
        "started_by",
        "owed",
        "sent",
        "failed",
        "paused",
    ]
    list_filter = ["paused"]
    actions = ["pause", "resume"]
    fields = ["update", "started_by", "started_at", "paused", "owed", "sent", "failed"]
    readonly_fields = fields

    def get_queryset(self, request):
        return update_mailing.sends_with_progress()

    @admin.display(description=_("letter"))
    def letter(self, send):
        return send.update.letter

    @admin.display(description=_("still to send"))
    def owed(self, send):
        return send.owed

    @admin.display(description=_("sent"))
    def sent(self, send):
        return send.sent

    @admin.display(description=_("not sent (refused or unsubscribed)"))
    def failed(self, send):
        return send.failed

    @admin.action(description=_("Pause sending"), permissions=["change"])
    def pause(self, request, queryset):
        for send in queryset:
            update_mailing.update_send_pause(send=send, paused=True)

    @admin.action(description=_("Resume sending"), permissions=["change"])
    def resume(self, request, queryset):
        for send in queryset:
            update_mailing.update_send_pause(send=send, paused=False)

    def has_add_permission(self, request):
        return False  # sends start from the updates' action

    def has_delete_permission(self, request, obj=None):
        return False
