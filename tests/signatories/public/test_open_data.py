import csv
import io

import pytest
from django.urls import reverse

from letter.public_version import mark_published
from signatories.moderation import review
from signatories.signing import services
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


ENDPOINTS = ["signatories:count", "signatories:data_json", "signatories:data_csv"]


def url(name, letter):
    return reverse(name, args=[letter.slug])


@pytest.mark.parametrize("name", ENDPOINTS)
def test_open_data_is_readable_from_any_origin(client, letter, name):
    response = client.get(url(name, letter), HTTP_ORIGIN="https://news.example")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.has_header("ETag")
    assert response.has_header("Last-Modified")


@pytest.mark.parametrize("name", ENDPOINTS)
def test_matching_conditional_request_gets_304_until_the_list_changes(
    client, letter, moderator, name, django_capture_on_commit_callbacks
):
    first = client.get(url(name, letter))
    again = client.get(url(name, letter), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    since = client.get(url(name, letter), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    SignatureFactory(letter=letter, approved=True)
    with django_capture_on_commit_callbacks(execute=True):
        mark_published(letter.pk)
    changed = client.get(url(name, letter), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_approval_changes_the_etag(client, letter, moderator, django_capture_on_commit_callbacks):
    from signatories.moderation import review

    signature = SignatureFactory(letter=letter, confirmed=True)
    etag = client.get(url("signatories:count", letter))["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        review.signature_approve(signature=signature, moderator=moderator)
    response = client.get(url("signatories:count", letter), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_signatories_json_holds_public_fields_of_named_approved_signatories(client, letter):
    SignatureFactory(letter=letter, approved=True, organization="Kituo", country="KE")
    SignatureFactory(letter=letter, confirmed=True, organization="Pending")
    data = client.get(url("signatories:data_json", letter)).json()
    assert data["named"] == 1
    (row,) = data["signatories"]
    assert row["organization"] == "Kituo"
    assert row["country_code"] == "KE"
    assert set(row) == {
        "organization",
        "country_code",
        "country_name",
        "scope",
        "website",
        "approved_at",
        "text_version",
        "source",
    }


def test_signatories_csv(client, letter):
    SignatureFactory(letter=letter, approved=True, organization="=HYPERLINK(1)")
    response = client.get(url("signatories:data_csv", letter))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["organization"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("name", ENDPOINTS)
def test_open_data_refuses_writes_and_unknown_letters(client, letter, name):
    assert client.post(url(name, letter)).status_code == 405
    assert client.get(reverse(name, args=["no-such-letter"])).status_code == 404


def test_count_json_reports_approved_signatures_with_short_public_caching(client, letter):
    SignatureFactory.create_batch(3, letter=letter, approved=True)
    SignatureFactory(letter=letter, confirmed=True)
    response = client.get(reverse("signatories:count", args=[letter.slug]))
    assert response.json()["count"] == 3
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    max_age = int(cache_control.split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 10


@pytest.mark.parametrize(
    ("start", "decide", "expected"),
    [
        ("confirmed", "approve", 1),
        ("approved", "reject", 0),
        ("approved", "withdraw", 0),
    ],
)
def test_count_json_is_refreshed_at_once_by_decisions(
    client, letter, moderator, django_capture_on_commit_callbacks, start, decide, expected
):
    signature = SignatureFactory(letter=letter, **{start: True})
    url = reverse("signatories:count", args=[letter.slug])
    before = client.get(url).json()["count"]  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        if decide == "withdraw":
            services.signature_withdraw(signature=signature)
        elif decide == "reject":
            review.signature_reject(signature=signature, moderator=moderator, reason="Duplicate")
        else:
            review.signature_approve(signature=signature, moderator=moderator)
    assert before != expected
    assert client.get(url).json()["count"] == expected
