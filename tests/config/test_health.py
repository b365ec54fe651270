from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

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
