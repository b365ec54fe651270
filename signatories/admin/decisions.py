"""The moderators' decisions on a selection of signatures: approve (holding back possible
duplicates unless ticked one by one), approve only those without any warning, and reject with
a reason. Each signature is decided by the review services, which record it in its trail."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from signatories.forms import RejectionForm
from signatories.hints import DUPLICATE_HINTS
from signatories.moderation import review
from signatories.moderation.selectors import (
    has_warning,
    possible_duplicate,
    selection_with_hints,
    signatures_sharing,
)
from signatories.signing import services

# The intermediate pages post back to their action with this field set.
APPLY = "apply"
# The possible duplicates a moderator ticked to approve with the others.
INCLUDE = "include"


class DecisionActions:
    """Mixed into the signatures' ModelAdmin, which defines has_moderate_permission."""

    @admin.action(description=_("Approve selected signatures"), permissions=["moderate"])
    def approve_signatures(self, request, queryset):
        """Approve the selection. If it holds possible duplicates, first show them on a
        page where each is left out unless ticked; that page posts back here."""
        selection = list(selection_with_hints(queryset))
        flagged = [s for s in selection if _held_back(s)]
        if flagged and APPLY not in request.POST:
            return self._duplicates_page(request, selection, flagged)
        included = set(request.POST.getlist(INCLUDE))
        approved = [s for s in selection if s not in flagged or str(s.pk) in included]
        self._decide_each(request, approved, review.signature_approve, _("approved"))
        self._report_held_back(
            request,
            len(selection) - len(approved),
            ngettext(
                "%(count)d possible duplicate was left in the queue.",
                "%(count)d possible duplicates were left in the queue.",
                len(selection) - len(approved),
            ),
        )
        return None

    @admin.action(description=_("Approve those with no warning"), permissions=["moderate"])
    def approve_unwarned_signatures(self, request, queryset):
        """Approve only the selected signatures no hint warns about (see has_warning)."""
        selection = list(selection_with_hints(queryset))
        clear = [s for s in selection if not has_warning(s)]
        self._decide_each(request, clear, review.signature_approve, _("approved"))
        held = len(selection) - len(clear)
        self._report_held_back(
            request,
            held,
            ngettext(
                "%(count)d signature with a warning was left for review.",
                "%(count)d signatures with a warning were left for review.",
                held,
            ),
        )

    @admin.action(description=_("Mark selected as lead signatories"), permissions=["moderate"])
    def mark_lead_signatories(self, request, queryset):
        changed = review.signatures_mark_lead(signatures=list(queryset), lead=True)
        self.message_user(request, _("%(count)d marked as lead signatories.") % {"count": changed})

    @admin.action(description=_("Unmark selected as lead signatories"), permissions=["moderate"])
    def unmark_lead_signatories(self, request, queryset):
        changed = review.signatures_mark_lead(signatures=list(queryset), lead=False)
        self.message_user(request, _("%(count)d no longer lead signatories.") % {"count": changed})

    @admin.action(description=_("Reject selected signatures…"), permissions=["moderate"])
    def reject_signatures(self, request, queryset):
        """First show a page asking for the reason; its form posts back to this action."""
        form = RejectionForm(request.POST if APPLY in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            self._decide_each(
                request, queryset, review.signature_reject, _("rejected"), reason=reason
            )
            return None
        context = {**self._page_context(request, queryset), "form": form}
        return TemplateResponse(request, "admin/signatories/signature/reject_reason.html", context)

    def _duplicates_page(self, request, selection, flagged):
        context = {
            **self._page_context(request, selection),
            "title": _("Approve signatures"),
            "flagged": [(s, _duplicates_of(s)) for s in flagged],
            "others": len(selection) - len(flagged),
            "include_name": INCLUDE,
        }
        return TemplateResponse(
            request, "admin/signatories/signature/approve_duplicates.html", context
        )

    def _page_context(self, request, signatures):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "signatures": signatures,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "apply_name": APPLY,
        }

    def _report_held_back(self, request, count, message):
        if count:
            self.message_user(request, message % {"count": count}, messages.WARNING)

    def _decide_each(self, request, signatures, decide, done, **extra):
        decided, refused = 0, []
        for signature in signatures:
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


def _held_back(signature):
    """A possible duplicate that approving would put on the letter."""
    return signature.status in review.APPROVABLE and possible_duplicate(signature)


def _duplicates_of(signature):
    """[(hint label, [(url, organization)])] for the signatures this one may duplicate."""
    found = []
    for name, hint in DUPLICATE_HINTS.items():
        others = [
            (reverse("admin:signatories_signature_change", args=[o.pk]), o.organization)
            for o in signatures_sharing(signature, name)
        ]
        if others:
            found.append((hint.label, others))
    return found
