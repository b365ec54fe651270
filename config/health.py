"""/healthz: whether the database, the cache and the broker answer. It names no host, port or
error text: a load balancer needs the verdict, an attacker would like the details.

It also says how long the oldest email still owed and the oldest signature awaiting review
have waited, in seconds (null when there is none), so that monitoring can alert on a stuck
worker or an idle moderation queue. They inform, they do not fail the check: a load balancer
should not take web processes out because a worker is stuck. Two queries, whatever the
numbers; no contact data. An email the mail server refused for good is not waiting: it will
never be sent, and anyone could otherwise raise the alarm for ever by signing with an address
that does not exist.

Only monitoring sees the checks and the numbers (how long the moderation queue has waited is
nobody else's business): a request with `Authorization: Bearer <HEALTHZ_TOKEN>`, or one that
no proxy forwarded (no `X-Forwarded-For`) from a loopback or private address, as the
container's own probe and a reverse proxy's health check are. Anyone else gets the status
alone, with the same 200 or 503."""

import contextlib
import hmac
import ipaddress
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
    unsent = Notification.objects.filter(sent_at__isnull=True, failed_at__isnull=True)
    awaiting_review = Signature.objects.awaiting_review()
    return {
        "oldest_unsent_email_seconds": _seconds_since(
            unsent.aggregate(oldest=Min("created_at"))["oldest"]
        ),
        "oldest_awaiting_review_seconds": _seconds_since(
            awaiting_review.aggregate(oldest=Min("confirmed_at"))["oldest"]
        ),
    }


# Loopback aside, where a container's probe or a proxy on the same host comes from (Python's
# is_private would also take the documentation ranges, such as 203.0.113.0/24).
_INSIDE_NETWORKS = [
    ipaddress.ip_network(network)
    for network in ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]
]


def _may_see_details(request) -> bool:
    token = settings.HEALTHZ_TOKEN
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    if "X-Forwarded-For" in request.headers:
        return False  # a proxy forwarded it from a client: the public
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    address = getattr(address, "ipv4_mapped", None) or address
    return address.is_loopback or any(address in network for network in _INSIDE_NETWORKS)


@require_safe
@never_cache
def healthz(request):
    results = {name: _run(check) for name, check in CHECKS.items()}
    healthy = all(result == "ok" for result in results.values())
    status = 200 if healthy else 503
    body = {"status": "ok" if healthy else "unavailable"}
    if not _may_see_details(request):
        return JsonResponse(body, status=status)
    body["checks"], body["waiting"] = results, None
    if results["database"] == "ok":
        # The database may go away in between: then no numbers, and no details either.
        with contextlib.suppress(Exception):
            body["waiting"] = _waiting()
    return JsonResponse(body, status=status)
