"""What the pages, exports and the admin read about signatures. Nothing here writes."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncDate

from letter.models import Letter
from letter.regions import OTHER, REGIONS, region_of
from signatories.hints import DOMAIN_WARNINGS, DUPLICATE_HINTS, DomainCheck
from signatories.lookalikes import lookalike_warnings
from signatories.models import Signature

# What the coordinator's chart counts per day, each by the date of its own step.
DAILY_SERIES = ("submitted", "confirmed", "approved")


@dataclass
class LetterReport:
    letter: Letter
    by_status: dict = field(default_factory=dict)  # status -> count
    daily: dict = field(default_factory=dict)  # series -> {date: count}
    decision_times: list = field(default_factory=list)  # timedeltas, confirmed -> decided
    approved_by_region: dict = field(default_factory=dict)  # region -> count

    @property
    def median_decision_time(self):
        return percentile(self.decision_times, 0.5)

    @property
    def p90_decision_time(self):
        return percentile(self.decision_times, 0.9)


def percentile(durations, fraction):
    """Linear interpolation between closest ranks, as PostgreSQL's percentile_cont; None
    for no durations."""
    if len(durations) < 2:
        return durations[0] if durations else None
    seconds = sorted(d.total_seconds() for d in durations)
    position = (len(seconds) - 1) * fraction
    below = int(position)
    above = min(below + 1, len(seconds) - 1)
    return timedelta(
        seconds=seconds[below] + (position - below) * (seconds[above] - seconds[below])
    )


def letter_reports():
    """Each letter's figures for the coordinator's view, newest letter first, in seven
    queries whatever the number of letters and signatures: counts are grouped in the
    database; decision times come back as one row per decided signature, for the
    percentiles, which are computed here the same way on SQLite and PostgreSQL."""
    reports = {letter.pk: LetterReport(letter) for letter in Letter.objects.newest_first()}
    signatures = Signature.objects.order_by()
    for row in signatures.values("letter_id", "status").annotate(n=Count("pk")):
        reports[row["letter_id"]].by_status[row["status"]] = row["n"]
    for series, (day_of, counted) in _daily_queries(signatures).items():
        rows = counted.values("letter_id", day=TruncDate(day_of)).annotate(n=Count("pk"))
        for row in rows:
            reports[row["letter_id"]].daily.setdefault(series, {})[row["day"]] = row["n"]
    decided = signatures.filter(confirmed_at__isnull=False, decided_at__isnull=False)
    decided = decided.filter(added_by_moderator=False)  # nobody waited for those
    for letter_id, confirmed, decided_at in decided.values_list(
        "letter_id", "confirmed_at", "decided_at"
    ):
        reports[letter_id].decision_times.append(decided_at - confirmed)
    for report in reports.values():
        report.approved_by_region = dict.fromkeys(REGIONS, 0)
    public = signatures.public().values("letter_id", "country").annotate(n=Count("pk"))
    for row in public:
        regions = reports[row["letter_id"]].approved_by_region
        region = region_of(row["country"])
        regions[region] = regions.get(region, 0) + row["n"]
    for report in reports.values():
        if not report.approved_by_region.get(OTHER):
            report.approved_by_region.pop(OTHER, None)
    return list(reports.values())


def _daily_queries(signatures):
    """Series -> (the date it is counted on, the signatures it counts)."""
    return {
        # Blocked submissions are spam, never counted anywhere.
        "submitted": ("created_at", signatures.exclude(status=Signature.Status.BLOCKED)),
        "confirmed": (
            "confirmed_at",
            signatures.filter(confirmed_at__isnull=False, added_by_moderator=False),
        ),
        # Approved and still approved: a withdrawn signature leaves the line.
        "approved": ("decided_at", signatures.public()),
    }


def daily_totals(report):
    """[(date, {series: count})] for every day from the first to the last counted, zeros
    included, so that a chart's points are evenly spaced."""
    days = [day for counts in report.daily.values() for day in counts]
    if not days:
        return []
    first, last = min(days), max(days)
    series = defaultdict(dict, report.daily)
    return [
        (day, {name: series[name].get(day, 0) for name in DAILY_SERIES})
        for day in (first + timedelta(days=n) for n in range((last - first).days + 1))
    ]


def text_versions_since(signature):
    """[the version of the letter's text the signature agreed to, then each later one], so
    that a moderator sees what changed since it signed (one query)."""
    versions = signature.letter.versions.filter(number__gte=signature.text_version or 1)
    return list(versions.select_related("changed_by").order_by("number"))


# The review queue's duplicate hints (see hints.DUPLICATE_HINTS).

# A signature that was rejected or withdrawn is off the letter: sharing a name with it is no
# reason to hold another back.
NOT_DUPLICATED_BY = (Signature.Status.REJECTED, Signature.Status.WITHDRAWN)


def _others_sharing(field, *, unless):
    others = Signature.objects.filter(letter=OuterRef("letter"), **{field: OuterRef(field)})
    others = others.exclude(status__in=NOT_DUPLICATED_BY)
    return Exists(others.exclude(pk=OuterRef("pk")).exclude(unless))


def _says_nothing(hint):
    """The signatures whose value for this hint says nothing: blank, a webmail domain, or
    equal in the field another hint reports."""
    unless = Q(**{hint.field: ""})
    if hint.ignores_webmail:
        unless |= Q(domain_check=DomainCheck.WEBMAIL)
    if hint.unless_same:
        unless |= Q(**{hint.unless_same: OuterRef(hint.unless_same)})
    return unless


def with_duplicate_hints(queryset):
    """Annotate each signature with whether another on its letter looks like the same
    organization, one boolean per hint; computed in the list's own query, whatever the
    number of rows."""
    return queryset.annotate(
        **{
            name: _others_sharing(hint.field, unless=_says_nothing(hint))
            for name, hint in DUPLICATE_HINTS.items()
        }
    )


def signatures_sharing(signature, name, *, limit=20):
    """Other signatures on the letter that share this hint's value with `signature`."""
    hint = DUPLICATE_HINTS[name]
    value = getattr(signature, hint.field)
    if not value or (hint.ignores_webmail and signature.domain_check == DomainCheck.WEBMAIL):
        return []
    others = Signature.objects.filter(letter=signature.letter_id, **{hint.field: value})
    others = others.exclude(status__in=NOT_DUPLICATED_BY).exclude(pk=signature.pk)
    if hint.unless_same:
        others = others.exclude(**{hint.unless_same: getattr(signature, hint.unless_same)})
    return list(others.only("pk", "organization", "status")[:limit])


# What a moderator is warned about, defined once: for the bulk approvals (and any column
# that shows a warning). Both read the annotations of with_duplicate_hints.


def possible_duplicate(signature) -> bool:
    """Whether another signature on the letter, still on it or waiting, looks like this one."""
    return any(getattr(signature, name) for name in DUPLICATE_HINTS)


def has_warning(signature) -> bool:
    """Whether any hint asks a moderator to look twice: the email against the website, a
    possible duplicate, or a look-alike (mixed scripts, an international domain)."""
    return (
        signature.domain_check in DOMAIN_WARNINGS
        or possible_duplicate(signature)
        or bool(lookalike_warnings(signature))
    )


def selection_with_hints(queryset):
    """The signatures of an admin selection, each with its duplicate hints, in queue order."""
    selected = Signature.objects.filter(pk__in=queryset.values("pk"))
    return with_duplicate_hints(selected.select_related("letter")).order_by(
        "confirmed_at", "created_at", "pk"
    )
