"""While PostgreSQL restarts, requests get a 503 page, not a traceback, and the service
recovers by itself afterwards."""

import shutil

import pytest

from tests.stack import PostgresServer, Signer, WebServer, app_env, manage, wait_until

pytestmark = pytest.mark.services


@pytest.fixture
def private_postgres(tmp_path, processes):
    if not shutil.which("runuser"):
        pytest.skip("runuser is needed to run PostgreSQL as the postgres user")
    postgres = PostgresServer(tmp_path).start()
    postgres.create_database()
    env = app_env(DATABASE_URL=postgres.url(), REDIS_URL="")
    manage(env, "migrate", "--noinput")
    yield postgres, env
    postgres.remove()


def test_requests_get_503_while_postgres_restarts_then_recover(
    tmp_path, processes, private_postgres
):
    postgres, env = private_postgres
    web = WebServer(tmp_path, env, workers=1).start()
    processes.append(web)
    visitor = Signer(web.url)
    letter_page = "/letters/joint-ngo-letter-2018/"
    assert visitor.get(letter_page)[0] == 200

    postgres.stop()
    # The letter page just served is still served from the page cache...
    assert visitor.get(letter_page)[0] == 200
    # ...and every page that needs the database says to come back, without a traceback (a
    # directory search nobody made yet is not cached; a made-up parameter would be a hit).
    uncached = f"{letter_page}signatories/?query=uncached"
    for path in ["/letters/joint-ngo-letter-2018/sign/", "/", uncached]:
        status, page = visitor.get(path)
        assert status == 503, page[:500]
        assert "Back in a moment" in page
        assert "Traceback" not in page

    postgres.start()
    wait_until(lambda: visitor.get(letter_page)[0] == 200, 30, "the site to recover")
    status, page = Signer(web.url).sign("joint-ngo-letter-2018", email="back@ngo-example.org")
    assert status == 200 and "Check your inbox" in page
