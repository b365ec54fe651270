from django import template
from django.db.models import Count, Min

from signatories.models import Signature

register = template.Library()


@register.inclusion_tag("admin/signatories/_queue_summary.html")
def review_queue_summary():
    """How many signatures await review and since when the oldest has waited: one query."""
    queue = Signature.objects.awaiting_review().aggregate(
        waiting=Count("pk"), oldest=Min("confirmed_at")
    )
    return queue
