from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.proxies import trusted_proxies
from signatories.models import Notification
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_dependency(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
        "waiting": {"oldest_unsent_email_seconds": None, "oldest_awaiting_review_seconds": None},
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_without_details_when_the_database_is_down(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise connection.OperationalError("could not connect to server at 10.1.2.3:5432")

    from config.health import CHECKS

    monkeypatch.setitem(CHECKS, "database", refuse)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unavailable"
    assert "10.1.2.3" not in response.content.decode()


def test_healthz_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get("/").status_code == 301


def _health_queries(client):
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("healthz")).json()
    return body, len(queries)


def test_healthz_tells_how_long_the_oldest_email_and_review_have_waited(client, letter):
    _body, queries_when_empty = _health_queries(client)
    now = timezone.now()
    owed = SignatureFactory(letter=letter, email="owed@private.example", contact_name="Ana")
    Notification.objects.create(signature=owed, kind=Notification.Kind.CONFIRM)
    Notification.objects.update(created_at=now - timedelta(minutes=10))
    sent = Notification.objects.create(signature=owed, kind=Notification.Kind.CONFIRM)
    Notification.objects.filter(pk=sent.pk).update(sent_at=now, created_at=now - timedelta(days=1))
    for hours in (2, 1):
        SignatureFactory(letter=letter, confirmed=True, confirmed_at=now - timedelta(hours=hours))
    SignatureFactory(letter=letter, approved=True)

    body, queries = _health_queries(client)
    waiting = body["waiting"]
    assert 600 <= waiting["oldest_unsent_email_seconds"] < 900
    assert 7200 <= waiting["oldest_awaiting_review_seconds"] < 7500
    assert queries == queries_when_empty
    assert "private.example" not in str(body) and "Ana" not in str(body)


def test_healthz_counts_no_email_refused_for_good(client, letter):
    """Issue 21, item 11: one signature to an address the mail server refused (550) made
    `oldest_unsent_email_seconds` grow for ever, a false alarm anyone could raise."""
    now = timezone.now()
    refused = Notification.objects.create(
        signature=SignatureFactory(letter=letter), kind=Notification.Kind.CONFIRM
    )
    Notification.objects.filter(pk=refused.pk).update(
        created_at=now - timedelta(days=3), failed_at=now, failure="550 no such mailbox"
    )
    assert client.get(reverse("healthz")).json()["waiting"]["oldest_unsent_email_seconds"] is None
    owed = Notification.objects.create(signature=refused.signature, kind=Notification.Kind.CONFIRM)
    Notification.objects.filter(pk=owed.pk).update(created_at=now - timedelta(minutes=10))
    waiting = client.get(reverse("healthz")).json()["waiting"]
    assert 600 <= waiting["oldest_unsent_email_seconds"] < 900


STATUS_ALONE = {"status": "ok"}


@pytest.mark.parametrize(
    "request_from",
    [
        {"REMOTE_ADDR": "203.0.113.9"},  # straight from the internet
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"},  # through the proxy
        {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "10.0.0.7"},
        {"REMOTE_ADDR": "203.0.113.9", "HTTP_AUTHORIZATION": "Bearer wrong-token"},
        {"REMOTE_ADDR": "203.0.113.9", "HTTP_AUTHORIZATION": "Bearer "},
    ],
)
def test_healthz_shows_the_public_the_status_alone(client, letter, settings, request_from):
    """Issue 21, item 11: the public endpoint showed the moderation backlog to anyone."""
    settings.HEALTHZ_TOKEN = "monitoring-token"
    # The proxies that forward a client's request (the others' X-Forwarded-For is dropped).
    settings.TRUSTED_PROXIES = trusted_proxies("127.0.0.1,10.0.0.2")
    SignatureFactory(letter=letter, confirmed=True)
    response = client.get(reverse("healthz"), **request_from)
    assert response.status_code == 200
    assert response.json() == STATUS_ALONE


def test_healthz_shows_the_public_a_503_without_what_failed(client, monkeypatch):
    from config.health import CHECKS

    monkeypatch.setitem(CHECKS, "cache", lambda: False)
    response = client.get(reverse("healthz"), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


@pytest.mark.parametrize(
    "request_from",
    [
        {"REMOTE_ADDR": "203.0.113.9", "HTTP_AUTHORIZATION": "Bearer monitoring-token"},
        {"REMOTE_ADDR": "127.0.0.1"},  # the container's own probe
        {"REMOTE_ADDR": "172.18.0.1"},  # the proxy's health check, not forwarded for a client
        {"REMOTE_ADDR": "::1"},
    ],
)
def test_healthz_shows_monitoring_and_the_proxy_the_details(client, letter, settings, request_from):
    settings.HEALTHZ_TOKEN = "monitoring-token"
    SignatureFactory(letter=letter, confirmed=True)
    body = client.get(reverse("healthz"), **request_from).json()
    assert body["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}
    assert body["waiting"]["oldest_awaiting_review_seconds"] is not None


def test_healthz_token_unset_lets_no_bearer_through(client, settings):
    settings.HEALTHZ_TOKEN = ""
    response = client.get(
        reverse("healthz"), REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer "
    )
    assert response.json() == STATUS_ALONE
