"""Concurrency on the real PostgreSQL: the database, not luck, keeps things exact."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection

from letter.models import Letter
from signatories.models import Signature
from signatories.moderation import review
from signatories.public.counts import approved_count
from signatories.signing import services
from tests.factories import LetterFactory, SignatureFactory

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_together(count, work):
    """Run work(i) for i in range(count) in threads released at the same instant."""
    start = threading.Barrier(count)

    def run(i):
        try:
            start.wait()
            return work(i)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_fifty_concurrent_submissions_with_one_email_make_one_signature():
    letter = LetterFactory()
    run_together(
        50,
        lambda i: services.signature_submit(
            letter=letter,
            organization=f"Org {i}",
            country="KE",
            scope="national",
            website="",
            contact_name="Same Person",
            email="Same.Person@NGO.example" if i % 2 else "same.person@ngo.example",
        ),
    )
    assert Signature.objects.filter(letter=letter).count() == 1
    # One signature, and no more emails owed than one address may be sent in a day: the
    # row lock makes each submission count the emails owed before it.
    notifications = Signature.objects.get(letter=letter).notifications
    assert notifications.count() == settings.EMAILS_PER_RECIPIENT


def test_concurrent_approvals_and_withdrawals_keep_the_count_exact(moderator):
    letter = LetterFactory()
    signatures = SignatureFactory.create_batch(40, letter=letter, confirmed=True)

    def decide(i):
        signature = signatures[i % 40]
        try:
            if i < 40:
                review.signature_approve(signature=signature, moderator=moderator)
            else:
                services.signature_withdraw(signature=signature)
        except services.IllegalTransition:
            pass  # withdrawn first: it can no longer be approved

    run_together(60, decide)  # 40 approvals racing 20 withdrawals of the first 20
    letter = Letter.objects.get(pk=letter.pk)
    in_database = Signature.objects.public().filter(letter=letter).count()
    assert in_database == 20
    assert approved_count(letter) == in_database
