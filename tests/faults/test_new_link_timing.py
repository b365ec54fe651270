"""Item 10: the "new link" form must take the same time whether or not the address has
signed. Not measured (timing tests are flaky): the view must do the same work either way."""

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

KNOWN = "pending@ngo-example.org"
UNKNOWN = "nobody@ngo-example.org"


def ask_for_a_link(client, email, capture_callbacks):
    with CaptureQueriesContext(connection) as queries, capture_callbacks(execute=True):
        response = client.post(reverse("signatories:new_link"), {"email": email})
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_known_and_unknown_addresses_do_the_same_work(
    client, letter, new_link_requests, django_capture_on_commit_callbacks
):
    SignatureFactory(letter=letter, email=KNOWN)
    # Whatever a first page reads once and caches (who runs the site) is read before measuring.
    client.get(reverse("signatories:new_link"))
    known = ask_for_a_link(client, KNOWN, django_capture_on_commit_callbacks)
    unknown = ask_for_a_link(client, UNKNOWN, django_capture_on_commit_callbacks)
    assert known == unknown  # the same queries, none about signatures
    assert [args for args, _options in new_link_requests] == [(KNOWN,), (UNKNOWN,)]


def test_the_address_is_hidden_from_celery_and_every_log(
    client,
    letter,
    mailoutbox,
    caplog,
    new_link_requests,
    run_new_link_requests,
    django_capture_on_commit_callbacks,
):
    SignatureFactory(letter=letter, email=KNOWN)
    caplog.set_level(logging.DEBUG)
    ask_for_a_link(client, KNOWN, django_capture_on_commit_callbacks)
    for _args, options in new_link_requests:
        assert KNOWN not in options["argsrepr"] and KNOWN not in options["kwargsrepr"]
    with django_capture_on_commit_callbacks(execute=True):
        run_new_link_requests()
    for record in caplog.records:
        assert KNOWN not in record.getMessage()
        assert KNOWN not in repr(record.__dict__)
