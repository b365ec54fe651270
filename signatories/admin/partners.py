"""Partners in the admin: coordinators list them on a letter, and each one's page here gives
its link, the snippet that embeds the form on its website, and the secret link to its own
read-only page. The queue filters by partner (PartnerFilter)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.translation import gettext_lazy as _

from config.admin_actions import CheckedSelectionAdmin
from config.site_url import absolute_url
from letter.public_version import mark_published
from signatories.models import Partner
from signatories.partners.embed import embed_snippet, partner_link
from signatories.partners.selectors import all_partners, partner_counts


@admin.register(Partner)
class PartnerAdmin(CheckedSelectionAdmin):
    list_display = ["name", "code", "letter", "origin"]
    list_filter = ["letter"]
    search_fields = ["name", "code"]
    list_select_related = ["letter"]
    fields = ["letter", "name", "code", "origin", "link", "embed", "own_page", "counts"]
    readonly_fields = ["link", "embed", "own_page", "counts"]

    # The count widget is cached per partner code under the letter's public version: a
    # partner added, renamed or removed shows there at once.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        mark_published(obj.letter_id)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        mark_published(obj.letter_id)

    @admin.display(description=_("link to the form"))
    def link(self, partner):
        return partner_link(partner) if partner.pk else "—"

    @admin.display(description=_("embed on the partner's website"))
    def embed(self, partner):
        if not partner.pk:
            return "—"
        if not partner.origin:
            return _("Give the website origin to let it embed the form.")
        # escape(), not format_html's own escaping, which would trust the snippet's markup.
        return format_html(
            '<textarea readonly rows="4" cols="90" class="vLargeTextField">{}</textarea>',
            escape(embed_snippet(partner)),
        )

    @admin.display(description=_("the partner's own page (secret: share it only with them)"))
    def own_page(self, partner):
        if not partner.pk:
            return "—"
        url = absolute_url(reverse("signatories:partner_page", args=[partner.secret]))
        return format_html('<a href="{}" rel="noreferrer">{}</a>', url, url)

    @admin.display(description=_("signatures brought"))
    def counts(self, partner):
        if not partner.pk:
            return "—"
        counts = partner_counts(partner)
        return _("%(listed)d on the letter, %(awaiting)d awaiting review, %(total)d in all") % {
            "listed": counts.listed,
            "awaiting": counts.awaiting,
            "total": counts.total,
        }


class PartnerFilter(admin.SimpleListFilter):
    """The queue by partner; shown only when a letter has partners."""

    title = _("partner")
    parameter_name = "partner"
    NONE = "none"

    def lookups(self, request, model_admin):
        partners = partners_of_request(request)
        if not partners:
            return []
        return [(str(p.pk), p.name) for p in partners] + [(self.NONE, _("No partner"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.NONE:
            return queryset.filter(partner__isnull=True)
        if value and value.isdigit():
            return queryset.filter(partner_id=int(value))
        return queryset


def partners_of_request(request):
    """Every partner, read once per request (the queue's filter and column both ask)."""
    if not hasattr(request, "_signon_partners"):
        request._signon_partners = all_partners()
    return request._signon_partners
