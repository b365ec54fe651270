"""The PostgreSQL backend (config/postgresql): Django's health check before a persistent
connection is reused, skipped when the connection answered a moment ago."""

import psycopg2
import pytest
from django.db import connection

from letter.models import Letter

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def a_request():
    """What a request does with the connection: Django's checks as it starts, a query, the
    checks as it ends."""
    connection.close_if_unusable_or_obsolete()
    Letter.objects.exists()
    connection.close_if_unusable_or_obsolete()


@pytest.fixture
def health_checks(monkeypatch):
    checks = []
    is_usable = connection.is_usable
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append(1) or is_usable())
    return checks


def test_a_connection_that_just_answered_is_reused_without_a_check(health_checks):
    assert connection.settings_dict["CONN_HEALTH_CHECKS"]
    a_request()
    a_request()
    a_request()
    assert health_checks == []


def test_a_connection_idle_for_a_while_is_checked_first(health_checks):
    a_request()
    connection.answered_at -= 2
    a_request()
    assert health_checks == [1]


def test_a_connection_the_server_dropped_while_idle_is_replaced_without_an_error(health_checks):
    a_request()
    dropped = connection.connection.info.backend_pid
    with psycopg2.connect(_dsn()) as other:
        other.cursor().execute("SELECT pg_terminate_backend(%s)", [dropped])
    connection.answered_at -= 2
    a_request()  # no error
    assert health_checks == [1]
    assert connection.connection.info.backend_pid != dropped


def _dsn():
    settings = connection.settings_dict
    return (
        f"dbname={settings['NAME']} user={settings['USER']} host={settings['HOST']}"
        f" port={settings['PORT'] or 5432}"
    )
