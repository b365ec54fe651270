"""The coordinator's view in the admin: per letter, signatures by status, a chart of the
signatures submitted, confirmed and approved per day, how long reviews take and where the
approved signatories come from. A fixed number of queries whatever the number of
signatures (see selectors.letter_reports)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from letter.regions import REGION_LABELS
from signatories.models import Signature
from signatories.moderation.charts import bar_chart, line_chart
from signatories.moderation.selectors import DAILY_SERIES, daily_totals, letter_reports
from signatories.partners.selectors import counts_by_partner
from signatories.questions.selectors import choice_breakdowns

SERIES_LABELS = {
    "submitted": _("Submitted"),
    "confirmed": _("Confirmed"),
    "approved": _("Approved"),
}


def report_view(request, model_admin):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Signatures by letter"),
        "reports": _letter_contexts(letter_reports()),
        "series_labels": [(name, SERIES_LABELS[name]) for name in DAILY_SERIES],
    }
    return TemplateResponse(request, "admin/signatories/signature/report.html", context)


def _letter_contexts(reports):
    reports = list(reports)
    breakdowns = choice_breakdowns([report.letter.pk for report in reports])
    partners = counts_by_partner([report.letter for report in reports])
    return [
        _letter_context(report, breakdowns[report.letter.pk], partners.get(report.letter.pk, []))
        for report in reports
    ]


def _letter_context(report, breakdown, partners):
    days = daily_totals(report)
    regions = [(REGION_LABELS[r], n) for r, n in report.approved_by_region.items()]
    return {
        "letter": report.letter,
        "statuses": [
            (label, report.by_status.get(value, 0)) for value, label in Signature.Status.choices
        ],
        "total": sum(report.by_status.values()),
        "days": [(day, [counts[name] for name in DAILY_SERIES]) for day, counts in days],
        "chart": line_chart(days, DAILY_SERIES) if days else None,
        "decided": len(report.decision_times),
        "median": _duration(report.median_decision_time),
        "p90": _duration(report.p90_decision_time),
        "regions": regions,
        "region_chart": bar_chart(regions),
        # Each question with choices: how the approved signatories answered it.
        "choices": [(question, lines, bar_chart(lines)) for question, lines in breakdown],
        "partners": partners,
    }


def _duration(delta):
    """'3 hours, 20 minutes' in the moderator's language, via Django's own translations."""
    if delta is None:
        return None
    now = timezone.now()
    return timesince(now - delta, now)
