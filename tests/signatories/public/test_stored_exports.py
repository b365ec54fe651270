"""The large exports (signatories.json, signatories.csv, the printable letter) are built once
per public version, by a worker for a big letter, and served as stored."""

import gzip

import pytest
from django.urls import reverse

from letter.public_version import mark_published
from signatories.public import export, stored_exports
from signatories.tasks import build_public_export
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

EXPORTS = ["signatories:data_json", "signatories:data_csv", "signatories:print"]


@pytest.fixture
def big_letter(letter, settings):
    """A letter above the size built in the request (a limit of 2 stands for 1,000)."""
    settings.EXPORT_INLINE_LIMIT = 2
    SignatureFactory.create_batch(3, letter=letter, approved=True)
    return letter


@pytest.fixture
def builds_requested(monkeypatch):
    """The builds handed to Celery, recorded instead of sent; and every export rendered."""
    requested, rendered = [], []
    task = build_public_export
    monkeypatch.setattr(task, "delay", lambda *args: requested.append(args))
    real_rows = export.export_rows
    monkeypatch.setattr(
        export, "export_rows", lambda qs, **kw: rendered.append(1) or real_rows(qs, **kw)
    )
    monkeypatch.setattr(stored_exports, "export_rows", export.export_rows)
    real_print = stored_exports.print_context
    monkeypatch.setattr(
        stored_exports, "print_context", lambda *a: rendered.append(1) or real_print(*a)
    )
    return requested, rendered


def run_builds(requested):
    while requested:
        build_public_export(*requested.pop(0))


def approve_one_more(letter, django_capture_on_commit_callbacks):
    SignatureFactory(letter=letter, approved=True)
    with django_capture_on_commit_callbacks(execute=True):
        mark_published(letter.pk)


@pytest.mark.parametrize("name", EXPORTS)
def test_forced_cache_miss_a_big_letters_export_is_built_by_a_worker_not_the_request(
    client, big_letter, builds_requested, name, django_capture_on_commit_callbacks
):
    """Issue 21, item 1: no request renders a big letter's export, whatever it adds to the
    address: it is built once per version by a task, and served from that copy."""
    requested, rendered = builds_requested
    url = reverse(name, args=[big_letter.slug])
    for n in range(5):
        pending = client.get(f"{url}?lang=r{n}&lang=en")
        assert pending.status_code == 503 and pending["Retry-After"]
    assert rendered == [] and len(requested) == 1  # one build requested, none in a request

    run_builds(requested)
    assert len(rendered) == 1
    first = client.get(url)
    assert first.status_code == 200
    for n in range(5):
        assert client.get(f"{url}?lang=r{n}&lang=en&x{n}=1").content == first.content
    assert len(rendered) == 1 and requested == []

    # A change: the older copy is served, with its own validators, while a worker builds.
    approve_one_more(big_letter, django_capture_on_commit_callbacks)
    older = client.get(url)
    assert older.content == first.content and older["ETag"] == first["ETag"]
    assert len(rendered) == 1 and len(requested) == 1
    run_builds(requested)
    newer = client.get(url)
    assert newer["ETag"] != first["ETag"] and len(rendered) == 2


def test_forced_cache_miss_a_small_letters_export_is_built_in_the_request_once_per_version(
    client, letter, builds_requested, django_capture_on_commit_callbacks
):
    requested, rendered = builds_requested
    SignatureFactory(letter=letter, approved=True, organization="Small Org")
    url = reverse("signatories:data_json", args=[letter.slug])
    for n in range(3):
        assert client.get(f"{url}?lang=r{n}").json()["named"] == 1
    assert len(rendered) == 1 and requested == []
    approve_one_more(letter, django_capture_on_commit_callbacks)
    assert client.get(url).json()["named"] == 2 and len(rendered) == 2


def test_stored_export_is_sent_compressed_to_a_client_that_accepts_it(client, letter):
    SignatureFactory(letter=letter, approved=True, organization="Gzip Org")
    url = reverse("signatories:data_csv", args=[letter.slug])
    plain = client.get(url)
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert "Accept-Encoding" in plain["Vary"]
    assert b"Gzip Org" in plain.content


def test_a_build_never_replaces_a_copy_with_an_older_one(
    letter, django_capture_on_commit_callbacks
):
    kind = stored_exports.Kind.JSON
    stored_exports.public_export_build(letter_id=letter.pk, kind=kind)
    approve_one_more(letter, django_capture_on_commit_callbacks)
    newer = stored_exports.public_export_build(letter_id=letter.pk, kind=kind)
    letter.refresh_from_db()
    letter.public_version -= 1  # a slower build that read the version before the change
    stored_exports._store(letter=letter, kind=kind, language="", gzipped=b"old")
    assert stored_exports.public_export_build(letter_id=letter.pk, kind=kind).gzipped == (
        newer.gzipped
    )
