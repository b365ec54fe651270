"""The review page: one signature with everything needed to decide on it, and Approve,
Reject (with the reason) and Skip, after which the next signature awaiting review opens,
oldest first. Decisions are POSTs through signatories.moderation.review; the signatures a moderator
skipped are kept in their session, so that "next" passes over them until the queue is done."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from signatories.admin.answers import answer_rows, answers_view
from signatories.admin.badges import lookalike_rows
from signatories.forms import RejectionForm
from signatories.hints import DOMAIN_WARNINGS, DUPLICATE_HINTS
from signatories.models import Signature
from signatories.moderation import review
from signatories.moderation.queue import next_awaiting_review, queue_position
from signatories.moderation.selectors import signatures_sharing, text_versions_since
from signatories.signing import services

# Session key: the primary keys of the signatures skipped in this session.
SKIPPED = "review_skipped"
# The keys that decide on the review page (static/js/review-keys.js reads data-review-key).
SHORTCUTS = {"approve": "a", "reject": "r", "skip": "s"}


def review_urls(model_admin):
    """The review pages' URLs, to come before the admin's own (which match any id)."""

    def view(function):
        def bound(request, **kwargs):
            return function(request, model_admin, **kwargs)

        return model_admin.admin_site.admin_view(bound)

    return [
        path("review/next/", view(next_view), name="signatories_signature_review_next"),
        path("<path:object_id>/review/", view(review_view), name="signatories_signature_review"),
        path(
            "<path:object_id>/review/decide/",
            view(require_POST(decide_view)),
            name="signatories_signature_review_decide",
        ),
        path(
            "<path:object_id>/review/answers/",
            view(corrected_answers_view),
            name="signatories_signature_review_answers",
        ),
        path(
            "<path:object_id>/review/reject/",
            view(reject_view),
            name="signatories_signature_review_reject",
        ),
    ]


def review_url(signature):
    return reverse("admin:signatories_signature_review", args=[signature.pk])


def _signature(request, model_admin, object_id):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    queryset = Signature.objects.select_related("letter", "decided_by")
    try:
        return queryset.get(pk=Signature._meta.pk.to_python(object_id))
    except (Signature.DoesNotExist, ValidationError, ValueError) as missing:
        raise Http404 from missing


def _require_moderator(request, model_admin):
    if not model_admin.has_moderate_permission(request):
        raise PermissionDenied


def review_view(request, model_admin, object_id):
    signature = _signature(request, model_admin, object_id)
    context = {
        **_page_context(request, model_admin, signature),
        "duplicates": _duplicates(signature),
        "submitted": _submitted_rows(signature),
        "events": list(signature.events.select_related("actor")),
        "notifications": list(signature.notifications.order_by("created_at")),
        "domain_warns": signature.domain_check in DOMAIN_WARNINGS,
        "lookalikes": lookalike_rows(signature),
        "text_versions": text_versions_since(signature),
        "can_decide": signature.status == Signature.Status.CONFIRMED,
        "answers": answer_rows(signature),
    }
    return TemplateResponse(request, "admin/signatories/signature/review.html", context)


def corrected_answers_view(request, model_admin, object_id):
    signature = _signature(request, model_admin, object_id)
    _require_moderator(request, model_admin)
    return answers_view(request, model_admin, signature)


def _page_context(request, model_admin, signature):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": signature.organization,
        "signature": signature,
        "place": queue_position(signature),
        "can_moderate": model_admin.has_moderate_permission(request),
        "shortcuts": SHORTCUTS,
    }


def _duplicates(signature):
    """[(hint label, [other signatures])] for each hint that finds another signature."""
    found = [
        (hint.label, signatures_sharing(signature, name)) for name, hint in DUPLICATE_HINTS.items()
    ]
    return [(label, others) for label, others in found if others]


def _submitted_rows(signature):
    """[(field label, as submitted, shown now, corrected?)] for the correctable fields."""
    submitted = signature.submitted or {}
    rows = []
    for name in services.CORRECTABLE_FIELDS:
        now = str(getattr(signature, name))
        before = str(submitted.get(name, now))
        label = Signature._meta.get_field(name).verbose_name
        rows.append((label, before, now, before != now))
    return rows


def decide_view(request, model_admin, object_id):
    signature = _signature(request, model_admin, object_id)
    decision = request.POST.get("decision")
    if decision == "skip":
        skipped = request.session.get(SKIPPED, [])
        request.session[SKIPPED] = [*skipped, signature.pk]
        return _open_next(request, _("“%(name)s” skipped.") % {"name": signature})
    _require_moderator(request, model_admin)
    if decision != "approve":
        raise Http404
    return _decide(request, signature, review.signature_approve, _("“%(name)s” approved."))


def reject_view(request, model_admin, object_id):
    signature = _signature(request, model_admin, object_id)
    _require_moderator(request, model_admin)
    form = RejectionForm(request.POST or None)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        return _decide(
            request, signature, review.signature_reject, _("“%(name)s” rejected."), reason=reason
        )
    context = {**_page_context(request, model_admin, signature), "form": form}
    return TemplateResponse(request, "admin/signatories/signature/review_reject.html", context)


def _decide(request, signature, decide, done, **extra):
    try:
        decide(signature=signature, moderator=request.user, **extra)
    except services.IllegalTransition as refusal:
        messages.warning(request, str(refusal))
        return HttpResponseRedirect(review_url(signature))
    return _open_next(request, done % {"name": signature})


def next_view(request, model_admin):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    return _open_next(request, "")


def _open_next(request, done):
    """Open the signature that has waited longest, apart from those skipped, saying what was
    done and how many remain; back to the queue when none remains."""
    skipped = request.session.get(SKIPPED, [])
    following = next_awaiting_review(skipped=skipped)
    if following is not None:
        waiting = queue_position(following).waiting
        remaining = ngettext(
            "%(count)d signature awaits review.", "%(count)d signatures await review.", waiting
        ) % {"count": waiting}
        messages.success(request, f"{done} {remaining}".strip())
        return HttpResponseRedirect(review_url(following))
    # Nothing left but what was skipped: start again from those next time.
    request.session.pop(SKIPPED, None)
    waiting = Signature.objects.awaiting_review().count()
    if waiting:
        remaining = ngettext(
            "Only the signature you skipped awaits review.",
            "Only the %(count)d signatures you skipped await review.",
            waiting,
        ) % {"count": waiting}
    else:
        remaining = _("No signature awaits review.")
    messages.success(request, f"{done} {remaining}".strip())
    return HttpResponseRedirect(reverse("admin:signatories_signature_changelist"))
