"""The app scales out on one machine: two gunicorn instances and two Celery workers share one
PostgreSQL and one Redis. Every signature is stored once, every confirmation email is sent
once, both instances serve the exact count, and a client's rate limit counts across both."""

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from signatories.models import Signature
from signatories.moderation import review
from signatories.signing import services
from tests.factories import LetterFactory
from tests.stack import (
    RedisServer,
    Signer,
    WebServer,
    Worker,
    app_env,
    database_url_of_test_database,
)

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The cache key prefix config/settings.py gives the app.
APP_CACHE_PREFIX = "signon"
SIGN_LIMIT = 4


@pytest.fixture
def redis(tmp_path, processes):
    # A private Redis: its queue, cached pages and rate-limit counters belong to this test.
    redis = RedisServer(tmp_path).start()
    processes.append(redis)
    return redis


@pytest.fixture
def shared_cache(settings, redis):
    """The test process uses the instances' cache, so that an approval made here drops the
    letter state they cached, as an approval in the admin of either instance would."""
    default = {**settings.CACHES["default"], "LOCATION": redis.url}
    settings.CACHES = {**settings.CACHES, "default": {**default, "KEY_PREFIX": APP_CACHE_PREFIX}}


def start_instances(tmp_path, processes, env):
    instances = [WebServer(tmp_path, env, workers=1).start() for _ in range(2)]
    processes.extend(instances)
    return instances


def sign_through(instances, letter, emails):
    """Sign with each email, four at a time, alternating between the instances."""

    def sign(numbered):
        n, email = numbered
        signer = Signer(instances[n % len(instances)].url)
        return signer.sign(letter.slug, email=email, organization=f"Organization {n}")

    with ThreadPoolExecutor(max_workers=4) as pool:
        for status, page in pool.map(sign, enumerate(emails)):
            assert status == 200 and "Check your inbox" in page, page[:1000]


def served_count(web, letter):
    status, body = Signer(web.url).get(f"/letters/{letter.slug}/count.json")
    assert status == 200, body[:500]
    return json.loads(body)["count"]


def assert_counts_exact(instances, letter, within=1.0):
    """Both instances serve the database's count within `within` seconds."""
    expected = Signature.objects.public().filter(letter=letter).count()
    deadline = time.monotonic() + within
    while (seen := [served_count(web, letter) for web in instances]) != [expected] * 2:
        assert time.monotonic() < deadline, f"database: {expected}, instances: {seen}"
        time.sleep(0.05)


def deliveries(worker):
    return len(re.findall(r"deliver_notifications?\[[^\]]+\] succeeded", worker.log()))


def test_two_instances_and_two_workers_store_email_and_count_once(
    tmp_path, processes, inbox, redis, shared_cache
):
    env = app_env(
        DATABASE_URL=database_url_of_test_database(), REDIS_URL=redis.url, EMAIL_URL=inbox.url
    )
    instances = start_instances(tmp_path, processes, env)
    workers = [Worker(tmp_path, env, name=f"scale-out-{n}").start() for n in (1, 2)]
    processes.extend(workers)
    letter = LetterFactory()
    emails = [f"contact{n}@ngo{n}-example.org" for n in range(12)]

    sign_through(instances, letter, emails)

    stored = Signature.objects.filter(letter=letter).order_by("pk")
    assert sorted(stored.values_list("email", flat=True)) == sorted(emails)
    inbox.wait_for(len(emails), timeout=30)
    time.sleep(3)  # time enough for a duplicate to arrive, if a second worker sent one
    assert sorted(inbox.recipients()) == sorted(emails)
    assert all(
        message["Subject"].startswith("Confirm your signature") for message in inbox.messages
    )
    assert all(deliveries(worker) for worker in workers), [deliveries(w) for w in workers]

    assert_counts_exact(instances, letter)  # also caches the count on both instances
    for signature in stored[:3]:
        services.signature_confirm(signature=signature)
        review.signature_approve(signature=signature, moderator=None)
        assert_counts_exact(instances, letter)


def test_a_client_over_the_limit_on_one_instance_is_refused_on_the_other(
    tmp_path, processes, redis
):
    # A daily window: a minute's could roll over during the test and forget the count.
    env = app_env(
        DATABASE_URL=database_url_of_test_database(),
        REDIS_URL=redis.url,
        RATE_LIMIT_SIGN=f"{SIGN_LIMIT}/d",
    )
    instances = start_instances(tmp_path, processes, env)
    letter = LetterFactory()

    # Alternating, each instance sees only half the limit: only a shared count refuses more.
    sign_through(instances, letter, [f"allowed{n}@ngo{n}-example.org" for n in range(SIGN_LIMIT)])
    for web in instances:
        status, page = Signer(web.url).sign(letter.slug, email=f"over{web.port}@ngo-example.org")
        assert status == 429 and "Please wait a moment" in page, page[:1000]
    assert Signature.objects.filter(letter=letter).count() == SIGN_LIMIT
