"""The block lists moderators manage: email domains and IP networks."""

from django.contrib import admin

from config.admin_actions import CheckedSelectionAdmin
from signatories.abuse.blocklists import block_lists_forget
from signatories.models import BlockedEmailDomain, BlockedNetwork


class BlockListAdmin(CheckedSelectionAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        block_lists_forget()  # this process applies the change at once; others within 10 s

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        block_lists_forget()


@admin.register(BlockedEmailDomain)
class BlockedEmailDomainAdmin(BlockListAdmin):
    list_display = ["domain", "note", "created_at"]
    search_fields = ["domain", "note"]


@admin.register(BlockedNetwork)
class BlockedNetworkAdmin(BlockListAdmin):
    list_display = ["network", "note", "created_at"]
    search_fields = ["network", "note"]
