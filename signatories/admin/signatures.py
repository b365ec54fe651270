"""The moderators' workplace for signatures: the review queue, a signature's page with its
hints, emails and audit trail, the decisions, and signatures received on paper."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from config.admin_actions import CheckedSelectionAdmin
from signatories.admin import review_page
from signatories.admin.answers import AnswerFilter
from signatories.admin.badges import hint_badges
from signatories.admin.decisions import DecisionActions
from signatories.admin.filters import CountryFilter, DuplicateFilter, StatusFilter
from signatories.admin.partners import PartnerFilter, partners_of_request
from signatories.forms import ModeratorSignatureForm, SignatureCorrectionForm
from signatories.hints import DUPLICATE_HINTS, website_host
from signatories.lookalikes import name_skeleton
from signatories.models import Notification, Signature, SignatureEvent
from signatories.moderation import report as admin_report
from signatories.moderation import review
from signatories.moderation.queue import letters_awaiting_review
from signatories.moderation.selectors import signatures_sharing, with_duplicate_hints
from signatories.public import export
from signatories.signing import services


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
    "lead",
    "letter",
    "status",
    "hints",
    "as_submitted",
    "contact_name",
    "contact_role",
    "authority_statement",
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
    "imported_from",
    "partner",
]


@admin.register(Signature)
class SignatureAdmin(DecisionActions, CheckedSelectionAdmin):
    # Narrow enough for a laptop's screen: the hints are badges beside the organization, and
    # the status and letter columns appear only when they tell rows apart (see below).
    list_display = [
        "organization_and_hints",
        "country",
        "scope",
        "website_host",
        "email_domain",
        "waiting",
    ]
    list_display_links = None  # the organization links to its review page
    list_filter = [
        StatusFilter,
        DuplicateFilter,
        "domain_check",
        CountryFilter,
        "scope",
        "wants_updates",
        AnswerFilter,
        PartnerFilter,
    ]
    search_fields = ["organization", "email", "website"]
    ordering = ["confirmed_at", "created_at"]
    list_select_related = ["letter", "partner"]
    list_per_page = 100
    # A moderator's correction is held to the rules of the sign-on form.
    form = SignatureCorrectionForm
    actions = [
        "approve_signatures",
        "approve_unwarned_signatures",
        "reject_signatures",
        "mark_lead_signatories",
        "unmark_lead_signatories",
        "export_csv",
        "export_json",
    ]
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
        return [
            path("report/", report, name=name),
            *review_page.review_urls(self),
            *super().get_urls(),
        ]

    def get_list_display(self, request):
        """The status when the list shows more than the queue; the letter when several
        letters have signatures awaiting review."""
        shown = list(self.list_display)
        if request.GET.get(StatusFilter.parameter_name, Signature.Status.CONFIRMED) != (
            Signature.Status.CONFIRMED
        ):
            shown.append("status")
        if self._several_letters(request):
            shown.append("letter")
        if partners_of_request(request):
            shown.append("partner")
        return shown

    def get_list_filter(self, request):
        filters = list(self.list_filter)
        if self._several_letters(request) or any(p.startswith("letter") for p in request.GET):
            filters.insert(filters.index(CountryFilter), "letter")
        return filters

    def _several_letters(self, request):
        # Asked by both the columns and the filters: one query per request.
        if not hasattr(request, "_several_letters_await_review"):
            request._several_letters_await_review = letters_awaiting_review() > 1
        return request._several_letters_await_review

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

    def get_search_results(self, request, queryset, search_term):
        """As typed, and by how the name looks: a search for "amnesty" also finds
        "Аmnesty" with a Cyrillic А."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        skeleton = name_skeleton(search_term.strip())
        if skeleton:
            results |= queryset.filter(organization_skeleton__contains=skeleton)
        return results, may_have_duplicates

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

    @admin.display(description=_("organization"), ordering="organization")
    def organization_and_hints(self, signature):
        """The organization, linking to its review page, with its hints as badges."""
        badges = hint_badges(signature)
        return format_html(
            '<a class="queue-organization" href="{}">{}</a> <span class="hints">{}</span>',
            review_page.review_url(signature),
            signature.organization,
            format_html_join(" ", "{}", ((badge,) for badge in badges)),
        )

    @admin.display(description=_("website"), ordering="website")
    def website_host(self, signature):
        """The website's host, opening in a new tab that cannot reach back to the admin."""
        if not signature.website:
            return "—"
        host = website_host(signature.website).removeprefix("www.") or signature.website
        return format_html(
            '<a class="queue-website" href="{}" title="{}" target="_blank" '
            'rel="noopener noreferrer">{}</a>',
            signature.website,
            signature.website,
            host,
        )

    @admin.display(description=_("waiting for"), ordering="confirmed_at")
    def waiting(self, signature):
        if signature.status != Signature.Status.CONFIRMED or not signature.confirmed_at:
            return "—"
        return timesince(signature.confirmed_at, depth=1)

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

    @admin.action(description=_("Export approved among selected as CSV"))
    def export_csv(self, request, queryset):
        return export.export_response(
            queryset, "csv", "signatories", answers=export.ALL_ANSWERS, coalition=True
        )

    @admin.action(description=_("Export approved among selected as JSON"))
    def export_json(self, request, queryset):
        return export.export_response(
            queryset, "json", "signatories", answers=export.ALL_ANSWERS, coalition=True
        )
