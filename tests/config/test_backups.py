"""`make backup` and `make restore` bring back every signature, event and owed email."""

import os
import subprocess
import uuid

import psycopg2
import pytest

from signatories.models import Notification, Signature, SignatureEvent
from signatories.moderation import review
from signatories.public.counts import approved_count
from signatories.signing import services
from tests.factories import SignatureFactory
from tests.stack import PROJECT_DIR, database_url_of_test_database

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TABLES = {
    "signatories_signature": "id, letter_id, organization, email, status, decided_by_id",
    "signatories_signatureevent": "id, signature_id, action, actor_id, at",
    "signatories_notification": "id, signature_id, kind, sent_at",
    "letter_letter": "id, slug, public_version",
}


def rows(database_url):
    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        result = {}
        for table, columns in TABLES.items():
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY id")  # noqa: S608 (constants)
            result[table] = cursor.fetchall()
        cursor.execute("SELECT count(*) FROM signatories_signature WHERE status = 'approved'")
        result["approved"] = cursor.fetchone()[0]
    return result


def make(target, database_url, **variables):
    env = {**os.environ, "DATABASE_URL": database_url}
    arguments = [f"{name}={value}" for name, value in variables.items()]
    subprocess.run(
        ["make", "--no-print-directory", target, *arguments],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def scratch_database():
    """An empty database beside the test database, dropped at the end."""
    name = f"signon_restore_{uuid.uuid4().hex[:12]}"
    server = database_url_of_test_database().rsplit("/", 1)[0]
    admin = psycopg2.connect(f"{server}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_a_backup_restores_every_signature_event_and_owed_email(
    letter, moderator, scratch_database, tmp_path
):
    signatures = SignatureFactory.create_batch(4, letter=letter)
    for signature in signatures[:3]:
        services.signature_confirm(signature=signature)
    for signature in signatures[:2]:
        review.signature_approve(signature=signature, moderator=moderator)
    assert Notification.objects.filter(sent_at__isnull=True).exists()
    assert SignatureEvent.objects.count() >= 5
    original = rows(database_url_of_test_database())
    assert original["approved"] == approved_count(letter) == 2

    backup = tmp_path / "signon.dump"
    make("backup", database_url_of_test_database(), FILE=backup)
    assert backup.stat().st_size > 0
    make("restore", scratch_database, FILE=backup)
    assert rows(scratch_database) == original

    # Restoring again over a database that has changed since puts back the backup's state.
    with psycopg2.connect(scratch_database) as connection, connection.cursor() as cursor:
        cursor.execute("DELETE FROM signatories_notification")
        cursor.execute("UPDATE signatories_signature SET status = 'rejected'")
    make("restore", scratch_database, FILE=backup)
    assert rows(scratch_database) == original

    # The database dropped and made again, empty, as after losing the server: all comes back.
    drop_and_create(scratch_database)
    make("restore", scratch_database, FILE=backup)
    assert rows(scratch_database) == original
    assert Signature.objects.count() == 4


def drop_and_create(database_url):
    server, name = database_url.rsplit("/", 1)
    admin = psycopg2.connect(f"{server}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
