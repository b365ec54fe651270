"""The whole flow through gunicorn and a Celery worker (sign, confirm, withdraw, a search, a
forged link, a foreign Host header, a malformed request), then every log the processes wrote
is searched: no token, no search a visitor typed, no client or email address."""

import re
import socket

import pytest

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

# Loopback, but not the servers' own 127.0.0.1, which their start-up lines name.
CLIENT_ADDRESS = "127.0.0.2"
EMAIL = "zxqv.private@signer-mailbox-example.org"
SEARCH = "Zxqvsearch"


def raw_request(port, data):
    """Bytes straight to gunicorn, as a broken or hostile client sends them."""
    address = ("127.0.0.1", port)
    with socket.create_connection(address, timeout=10, source_address=(CLIENT_ADDRESS, 0)) as conn:
        conn.sendall(data)
        return conn.recv(4096)


def test_no_log_holds_a_token_a_search_a_client_address_or_an_email(tmp_path, processes, inbox):
    redis = RedisServer(tmp_path).start()
    processes.append(redis)
    env = app_env(
        DATABASE_URL=database_url_of_test_database(),
        REDIS_URL=redis.url,
        EMAIL_URL=inbox.url,
        SITE_URL="http://letters-example.org",
    )
    web = WebServer(tmp_path, env).start()
    worker = Worker(tmp_path, env, name="logs", beat=True).start()
    processes.extend([web, worker])
    letter = LetterFactory()
    signer = Signer(web.url, source_address=CLIENT_ADDRESS)

    status, page = signer.sign(letter.slug, email=EMAIL)
    assert status == 200 and "Check your inbox" in page, page[:1000]
    (message,) = inbox.wait_for(1)
    confirm_path = inbox.confirm_path(message)
    withdraw_path = re.search(r"(/withdraw/[^\s]+/)", inbox.text_of(message)).group(1)
    tokens = [confirm_path.split("/")[2], withdraw_path.split("/")[2]]

    assert signer.press(confirm_path)[0] == 200
    assert signer.press(withdraw_path)[0] == 200
    assert signer.get(f"/letters/{letter.slug}/signatories/?q={SEARCH}")[0] == 200
    assert signer.get(f"/confirm/{tokens[0]}{SEARCH}/")[0] == 400  # a link mangled in transit
    assert signer.get(f"/{SEARCH}/{tokens[1]}/")[0] == 404
    host = b"Host: " + SEARCH.encode() + b".example\r\n"
    assert b" 400 " in raw_request(web.port, b"GET / HTTP/1.1\r\n" + host + b"\r\n")
    line = f"GET /confirm/{tokens[0]}/?q={SEARCH} EXTRA HTTP/1.1\r\n\r\n".encode()
    assert b" 400 " in raw_request(web.port, line)
    worker.assert_running()

    web.stop()  # its buffers flushed
    worker.stop()
    logs = {"gunicorn": web.log(), "worker": worker.log()}
    assert "signon.request" in logs["gunicorn"] and "deliver_notification" in logs["worker"]
    for name, log in logs.items():
        for private in [*tokens, SEARCH, SEARCH.lower(), CLIENT_ADDRESS, EMAIL]:
            assert private not in log, f"{private} in the {name} log"
    assert "GET /confirm/<str:token>/ 200" in logs["gunicorn"]  # the route names the page
    assert "Invalid request refused" in logs["gunicorn"]
