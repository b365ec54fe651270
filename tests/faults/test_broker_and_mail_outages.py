"""Nothing is lost when Redis or the mail server fails: every signature is stored once and
every confirmation email is delivered exactly once after the service returns."""

import time

import pytest

from signatories.models import Notification, Signature
from tests.factories import LetterFactory
from tests.stack import (
    RedisServer,
    Signer,
    WebServer,
    Worker,
    app_env,
    database_url_of_test_database,
    wait_until,
)

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def start_stack(tmp_path, processes, redis_url, inbox):
    env = app_env(
        DATABASE_URL=database_url_of_test_database(),
        REDIS_URL=redis_url,
        EMAIL_URL=inbox.url,
        NOTIFICATION_RESEND_AFTER_SECONDS=3,
    )
    web = WebServer(tmp_path, env).start()
    worker = Worker(tmp_path, env, name="outage", beat=True).start()
    processes.extend([web, worker])
    return web, worker


def sign_many(web, letter, emails):
    for email in emails:
        started = time.monotonic()
        status, page = Signer(web.url).sign(letter.slug, email=email, organization=email)
        assert status == 200 and "Check your inbox" in page, page[:1000]
        assert time.monotonic() - started < 15  # an outage slows signing, never stalls it


def assert_each_delivered_exactly_once(inbox, emails):
    inbox.wait_for(len(emails), timeout=90)
    time.sleep(5)  # time enough for a duplicate to arrive, if the outbox ever sent one
    assert sorted(inbox.recipients()) == sorted(emails)


def test_redis_outage_during_a_burst_of_sign_ons(tmp_path, processes, inbox):
    redis = RedisServer(tmp_path).start()
    processes.append(redis)
    web, _worker = start_stack(tmp_path, processes, redis.url, inbox)
    letter = LetterFactory()
    before = [f"before{n}@ngo{n}-example.org" for n in range(5)]
    during = [f"during{n}@ngo{n}-example.org" for n in range(5)]
    after = [f"after{n}@ngo{n}-example.org" for n in range(3)]

    sign_many(web, letter, before)
    redis.stop()
    sign_many(web, letter, during)
    assert Signature.objects.filter(letter=letter).count() == 10
    redis.start()
    sign_many(web, letter, after)

    emails = before + during + after
    assert sorted(letter.signatures.values_list("email", flat=True)) == sorted(emails)
    assert_each_delivered_exactly_once(inbox, emails)
    assert not Notification.objects.filter(sent_at__isnull=True).exists()


def test_mail_server_outage(tmp_path, processes, inbox, redis_url):
    web, _worker = start_stack(tmp_path, processes, redis_url, inbox)
    letter = LetterFactory()
    inbox.stop()
    emails = [f"m{n}@ngo{n}-example.org" for n in range(4)]
    sign_many(web, letter, emails)
    time.sleep(3)  # the worker tries, fails and schedules retries
    assert inbox.messages == []
    assert Notification.objects.filter(sent_at__isnull=True).count() == 4
    inbox.start()
    assert_each_delivered_exactly_once(inbox, emails)


@pytest.fixture
def redis_url(tmp_path, processes):
    # A private Redis keeps this test's queue apart from every other test's.
    redis = RedisServer(tmp_path).start()
    processes.append(redis)
    return redis.url


def test_mail_refused_for_good_is_recorded_never_retried_and_never_logs_the_address(
    tmp_path, processes, inbox, redis_url
):
    web, worker = start_stack(tmp_path, processes, redis_url, inbox)
    letter = LetterFactory()
    refused, accepted = "nobody@closed-example.org", "someone@open-example.org"
    inbox.refusals[refused] = f"550 5.1.1 <{refused}>: Recipient address rejected"
    sign_many(web, letter, [refused, accepted])
    inbox.wait_for(1)
    notification = Notification.objects.get(signature__email=refused)
    wait_until(lambda: Notification.objects.get(pk=notification.pk).failed_at, 30, "the refusal")
    time.sleep(6)  # two resend periods of beat: time enough to requeue it, if it ever did
    assert inbox.rcpt_attempts.count(refused) == 1
    assert inbox.recipients() == [accepted]
    notification.refresh_from_db()
    assert notification.sent_at is None
    assert notification.failure == "550 5.1.1 <[address removed]>: Recipient address rejected"
    assert "refused by the mail server" in worker.log()
    for log in (worker.log(), web.log()):
        assert refused not in log and accepted not in log
