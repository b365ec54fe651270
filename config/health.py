"""/healthz: whether the database, the cache and the broker answer. It names no host, port or
error text: a load balancer needs the verdict, an attacker would like the details.

It also says how long the oldest email still owed and the oldest signature awaiting review
have waited, in seconds (null when there is none), so that monitoring can alert on a stuck
worker or an idle moderation queue. They inform, they do not fail the check: a load balancer
should not take web processes out because a worker is stuck. Two queries, whatever the
numbers; no contact data."""

import contextlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Min
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.celery import app as celery_app
from signatories.models import Notification, Signature


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache():
    key, value = f"healthz:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, 10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


def _broker():
    if not settings.REDIS_URL:
        return True  # tasks run in the web process: there is no broker to reach
    with celery_app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, timeout=2)
        return True


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


def _run(check):
    try:
        return "ok" if check() else "unavailable"
    except Exception:  # noqa: BLE001 (any failure means unavailable; details stay private)
        return "unavailable"


def _seconds_since(moment):
    return None if moment is None else max(0, int((timezone.now() - moment).total_seconds()))


def _waiting():
    unsent = Notification.objects.filter(sent_at__isnull=True)
    awaiting_review = Signature.objects.awaiting_review()
    return {
        "oldest_unsent_email_seconds": _seconds_since(
            unsent.aggregate(oldest=Min("created_at"))["oldest"]
        ),
        "oldest_awaiting_review_seconds": _seconds_since(
            awaiting_review.aggregate(oldest=Min("confirmed_at"))["oldest"]
        ),
    }


@require_safe
@never_cache
def healthz(request):
    results = {name: _run(check) for name, check in CHECKS.items()}
    healthy = all(result == "ok" for result in results.values())
    body = {"status": "ok" if healthy else "unavailable", "checks": results}
    body["waiting"] = None
    if results["database"] == "ok":
        # The database may go away in between: then no numbers, and no details either.
        with contextlib.suppress(Exception):
            body["waiting"] = _waiting()
    return JsonResponse(body, status=200 if healthy else 503)
