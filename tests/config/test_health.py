import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_dependency(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
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
