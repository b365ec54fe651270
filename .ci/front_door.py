"""The deploy as the README describes it, end to end: the app image behind the front door
image, the front door obtaining its certificate from an ACME CA (Pebble, Let's Encrypt's test
server, validating HTTP-01 for real), then over HTTPS what a visitor, a signer and a moderator
do: HTTP sends to HTTPS, /healthz, the letter page (compressed, micro-cached, and never for a
session), a static file, a sign-on through the form and its confirmation email, the admin
login, the count exact a second after an approval; then 500 slow clients held against the
front door for a minute while a visitor loads the letter page and signs (every request
succeeds, p99 under a second); and the certificate renewed when told to.

Called by .ci/image with the three images' names. docker-compose's own databases and mail
catcher cannot be pulled here, so `web` and `worker` run as compose runs them, against the
machine's PostgreSQL and Redis (on the host's network) and an SMTP sink on loopback; the front
door and Pebble share a network of their own, where the site's name (letter.test) is the
front door's. The host reaches the front door on its published ports, as a browser would.

`front_door.py --direct APP_IMAGE`: the same slow clients against gunicorn itself, without the
front door (what the issue measured: the visitor's requests fail).
"""

import argparse
import functools
import gzip
import http.client
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))
from image_smoke import LETTER_SLUG, docker, fresh_database, step  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.cpu_weights import compose_cpu_shares  # noqa: E402
from tests.stack import Inbox, free_port, wait_until  # noqa: E402

DATABASE_URL = os.environ.get(
    "FRONT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/signon_front"
)
REDIS_URL = os.environ.get("FRONT_REDIS_URL", "redis://127.0.0.1:6379/14")
HOST = "letter.test"
LETTER = f"/letters/{LETTER_SLUG}/"
SLOW_SECONDS = int(os.environ.get("SLOW_CLIENT_SECONDS", "60"))
SLOW_CONNECTIONS = 500
MODERATOR_PASSWORD = secrets.token_urlsafe(16)
CI_DIR = Path(__file__).resolve().parent


class Stack:
    """The containers and the network of one run, removed at the end."""

    def __init__(self, app_image, front_image=None, pebble_image=None):
        self.app_image, self.front_image, self.pebble_image = app_image, front_image, pebble_image
        suffix = os.getpid()
        self.names = {role: f"signon-ci-{role}-{suffix}" for role in ROLES}
        self.network = f"signon-ci-front-{suffix}"
        self.tmp = Path(tempfile.mkdtemp(prefix="signon-front-"))
        self.inbox = Inbox()
        self.web_port = free_port()
        self.gateway = None
        self.ports = {}

    def start_network(self):
        docker("network", "create", self.network)
        self.gateway = docker(
            "network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", self.network
        ).strip()

    def app_env(self):
        return {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "false",
            "SITE_URL": f"https://{HOST}",
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "EMAIL_URL": self.inbox.url,
            # On the host's network, where the front door reaches it through the gateway.
            "GUNICORN_BIND": f"{self.gateway}:{self.web_port}",
            "SECURE_PROXY_SSL_HEADER": "true",
            "TRUSTED_PROXY_COUNT": "1",
            # As docker-compose sets it: the networks Docker gives, where the front door is.
            "TRUSTED_PROXIES": "172.16.0.0/12,192.168.0.0/16",
            # One Redis here (compose runs a page cache of its own).
            "PAGE_CACHE_SHARE_BROKER": "true",
            "SIGNING_MIN_FILL_SECONDS": "0",  # a script fills the form faster than a person
        }

    def run(self, role, image, command=(), options=(), env=None, detach=True):
        env = env or {}
        names = [flag for name in env for flag in ("--env", name)]
        args = ["docker", "run", *(["-d", "--name", self.names[role]] if detach else ["--rm"])]
        output = subprocess.DEVNULL if detach else None
        subprocess.run(
            [*args, *names, *options, image, *command],
            env={**os.environ, **env},
            stdout=output,
            check=True,
        )

    def published(self, role, port):
        binding = docker("port", self.names[role], f"{port}/tcp").splitlines()[0]
        return int(binding.rsplit(":", 1)[1])

    def logs(self):
        for name in self.names.values():
            if subprocess.run(["docker", "inspect", name], capture_output=True).returncode == 0:
                print(f"--- logs of {name}", flush=True)
                subprocess.run(["docker", "logs", "--tail", "60", name], check=False)

    def remove(self):
        subprocess.run(["docker", "rm", "-f", *self.names.values()], capture_output=True)
        subprocess.run(["docker", "network", "rm", self.network], capture_output=True)
        self.inbox.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


ROLES = ("pebble", "web", "worker", "front", "slow")


def start_app(stack, **extra):
    env = {**stack.app_env(), **extra}
    host = ["--network", "host"]
    step("migrate")
    stack.run("migrate", stack.app_image, ["python", "manage.py", "migrate"], host, env, False)
    step("web (gunicorn, 3 workers as in compose) and worker (celery)")
    stack.run("web", stack.app_image, (), host, env)
    worker = ["celery", "-A", "config", "worker", "-l", "INFO", "-c", "1"]
    stack.run("worker", stack.app_image, worker, host, env)
    return env


def start_pebble(stack):
    step("Pebble, the ACME test server")
    tmp = stack.tmp
    openssl = functools.partial(subprocess.run, check=True, capture_output=True, cwd=tmp)
    openssl(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=signon CI", "-keyout", "ca.key", "-out", "ca.pem"])  # fmt: skip
    openssl(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=pebble",
             "-keyout", "pebble.key", "-out", "pebble.csr"])  # fmt: skip
    (tmp / "san.ext").write_text("subjectAltName=DNS:pebble,IP:127.0.0.1\n")
    openssl(["openssl", "x509", "-req", "-in", "pebble.csr", "-CA", "ca.pem", "-CAkey",
             "ca.key", "-CAcreateserial", "-days", "1", "-extfile", "san.ext",
             "-out", "pebble.pem"])  # fmt: skip
    config = {
        "listenAddress": "0.0.0.0:14000",
        "managementListenAddress": "0.0.0.0:15000",
        "certificate": "/pebble/pebble.pem",
        "privateKey": "/pebble/pebble.key",
        "httpPort": 80,  # it validates on the front door's port 80, as Let's Encrypt does
        "tlsPort": 443,
        "ocspResponderURL": "",
        "externalAccountBindingRequired": False,
    }
    (tmp / "pebble.json").write_text(json.dumps({"pebble": config}))
    for path in tmp.iterdir():
        path.chmod(0o644)
    options = ["--network", stack.network, "--network-alias", "pebble", "-v", f"{tmp}:/pebble:ro",
               "-p", "127.0.0.1::15000"]  # fmt: skip
    env = {"PEBBLE_VA_NOSLEEP": "1", "PEBBLE_WFE_NONCEREJECT": "0"}
    stack.run("pebble", stack.pebble_image, ["-config", "/pebble/pebble.json"], options, env)


def pebble_root(stack):
    """The root Pebble signs with (a new one each start), from its management interface."""
    context = ssl.create_default_context(cafile=str(stack.tmp / "ca.pem"))
    url = f"https://127.0.0.1:{stack.published('pebble', 15000)}/roots/0"
    wait_until(lambda: _answers(url, context), 30, "Pebble's management interface")
    with urllib.request.urlopen(url, context=context, timeout=10) as response:
        return response.read().decode()


def _answers(url, context):
    try:
        urllib.request.urlopen(url, context=context, timeout=2).close()
        return True
    except OSError:
        return False


def start_front(stack):
    step("the front door, with SITE_URL=https://letter.test and Pebble as its ACME CA")
    options = ["--network", stack.network, "--network-alias", HOST, "-v", f"{stack.tmp}:/pebble:ro",
               "-p", "127.0.0.1::80", "-p", "127.0.0.1::443",
               "--cpu-shares", str(compose_cpu_shares()["front"])]  # fmt: skip
    env = {
        "SITE_URL": f"https://{HOST}",
        "FRONT_UPSTREAM": f"{stack.gateway}:{stack.web_port}",
        "ACME_DIRECTORY": "https://pebble:14000/dir",
        "ACME_CA_CERTIFICATES": "/pebble/ca.pem",
        "ACME_EMAIL": "ci@signon.example",
    }
    stack.run("front", stack.front_image, (), options, env)
    stack.ports = {80: ("127.0.0.1", stack.published("front", 80)),
                   443: ("127.0.0.1", stack.published("front", 443))}  # fmt: skip


def served_certificate(stack, context):
    """The certificate the front door serves for letter.test, verified against `context`."""
    with (
        socket.create_connection(stack.ports[443], timeout=5) as sock,
        context.wrap_socket(sock, server_hostname=HOST) as tls,
    ):
        return tls.getpeercert()


def wait_for_certificate(stack, context, different_from=None):
    """The certificate Pebble issued, once the front door serves it on every new connection
    (nginx reloads gracefully: for a moment an old worker may still answer)."""
    served = []

    def issued():
        try:
            certificate = served_certificate(stack, context)
        except (OSError, ssl.SSLError):
            return False  # not listening yet, or still the self-signed placeholder
        fresh = different_from is None or certificate["serialNumber"] != different_from
        served[:] = [*served, certificate] if fresh else []
        return len(served) >= 3

    wait_until(issued, 120, "the front door to serve the certificate Pebble issued")
    return served[-1]


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, *, address, **kwargs):
        super().__init__(host, **kwargs)
        self.address = address

    def connect(self):
        sock = socket.create_connection(self.address[self.port], self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, *, address, **kwargs):
        super().__init__(host, **kwargs)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection(self.address[self.port], self.timeout)


class _Pinned(urllib.request.HTTPSHandler):
    """letter.test's ports 80 and 443 are wherever `address` says (the front door's published
    ports), as a DNS record would make them; the name is still the one sent and verified."""

    def __init__(self, address, context):
        super().__init__(context=context)
        self.address = address

    def https_open(self, req):
        conn = functools.partial(_PinnedHTTPSConnection, address=self.address)
        return self.do_open(conn, req, context=self._context)


class _PinnedPlain(urllib.request.HTTPHandler):
    def __init__(self, address):
        super().__init__()
        self.address = address

    def http_open(self, req):
        return self.do_open(functools.partial(_PinnedHTTPConnection, address=self.address), req)


class Visitor:
    """A browser with its cookies. Each request is timed in `self.timings`."""

    def __init__(self, address, context=None, scheme="https", headers=None):
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        pinned = (_Pinned(address, context), _PinnedPlain(address))
        self.opener = urllib.request.build_opener(cookies, *pinned)
        self.base = f"{scheme}://{HOST}"
        self.headers = headers or {}
        self.timings = []

    def fetch(self, path, data=None, headers=None):
        """(status, headers, text); data is posted form-encoded with the page as Referer."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {**self.headers, **(headers or {})}
        if data is not None:
            headers["Referer"] = self.base + path
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=30) as response:
                status, answer, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, answer, content = error.code, error.headers, error.read()
        except OSError as error:
            status, answer, content = f"failed: {error}", {}, b""
        self.timings.append((path, status, time.monotonic() - started))
        if answer.get("Content-Encoding") == "gzip":
            content = gzip.decompress(content)
        return status, answer, content.decode(errors="replace")

    def sign(self, organization, email):
        status, _, page = self.fetch(f"{LETTER}sign/")
        if status != 200:
            return status, {}, page
        fields = {
            "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"),
            "started": hidden(page, "started"),
            "organization": organization,
            "country": "KE",
            "scope": "national",
            "listing": "named",
            "contact_name": "Contact",
            "email": email,
            "consent": "on",
        }
        return self.fetch(f"{LETTER}sign/", fields)


def hidden(page, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, f"no {name} in the page"
    return match.group(1)


def check_http_redirects_to_https(stack):
    step("plain HTTP is sent to HTTPS")
    connection = _PinnedHTTPConnection(HOST, address=stack.ports, port=80, timeout=10)
    connection.request("GET", f"{LETTER}?lang=fr")
    response = connection.getresponse()
    assert response.status == 301, response.status
    assert response.headers["Location"] == f"https://{HOST}{LETTER}?lang=fr"
    connection.close()


def check_pages(stack, context):
    visitor = Visitor(stack.ports, context)
    step("/healthz through the front door")
    status, _, body = visitor.fetch("/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok", f"/healthz: {status} {body}"
    step("the letter page: compressed, HSTS, marked public, then served by the micro-cache")
    status, headers, page = visitor.fetch(LETTER, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and "<html" in page, f"letter page: {status}"
    assert headers["Content-Encoding"] == "gzip", headers
    assert "max-age=31536000" in headers["Strict-Transport-Security"], headers
    assert "s-maxage=1" in headers["Cache-Control"], headers
    states = {visitor.fetch(LETTER)[1]["X-Cache"] for _ in range(5)}
    assert "HIT" in states, f"the letter page was never served from the cache: {states}"
    step("the brotli copy to those that take it, never to those that do not")
    for _ in range(2):  # whichever was cached first, the other still gets its own
        for accepted, expected in [("gzip, deflate, br", "br"), ("br;q=0, gzip", "gzip"),
                                   ("", None), ("br", "br")]:  # fmt: skip
            status, headers, page = Visitor(stack.ports, context).fetch(
                LETTER, headers={"Accept-Encoding": accepted}
            )
            assert headers.get("Content-Encoding") == expected, f"{accepted!r}: {headers}"
            if expected != "br":
                assert status == 200 and "<html" in page, f"{accepted!r}: {page[:80]!r}"
    step("each language its own cached page, never another's")
    asks = [
        ({"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"}, "fr"),
        ({"Accept-Language": "de-DE,de;q=0.9,es;q=0.8"}, "es"),  # not keyed on a guess
        ({"Accept-Language": "fr", "Cookie": "django_language=ar"}, "ar"),  # the cookie wins
        ({"Accept-Language": "fr", "Cookie": "django_language=es; django_language=ar"}, None),
        ({}, "en"),
    ]
    for _ in range(2):  # rendered, then (except where nginx cannot tell) from the cache
        for headers, expected in asks:
            status, answer, page = Visitor(stack.ports, context).fetch(LETTER, headers=headers)
            shown = re.search(r'<html lang="([a-z]+)"', page)[1]
            assert status == 200 and shown == (expected or shown), f"{headers}: {shown}"
            if expected is None:
                assert answer["X-Cache"] == "BYPASS", f"{headers}: {answer['X-Cache']}"
    step("a static file: far-future caching, compressed by the front door")
    css = re.search(r'href="(/static/[^"]+\.css)"', page)[1]
    for _ in range(2):
        status, headers, _ = visitor.fetch(css, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and "max-age=315360000" in headers["Cache-Control"], headers
    assert headers["X-Cache"] == "HIT" and headers["Content-Encoding"] == "gzip", headers


def check_sign_on(stack, context):
    step("a sign-on through the form, its confirmation email, the confirmation link")
    visitor = Visitor(stack.ports, context)
    status, _, page = visitor.sign("Front Door CI", "front-ci@signon-example.org")
    assert status == 200 and "Check your inbox" in page, f"sign-on: {status}"
    (message,) = stack.inbox.wait_for(1, timeout=120)
    assert message["To"] == "front-ci@signon-example.org"
    path = stack.inbox.confirm_path(message)
    assert f"https://{HOST}{path}" in stack.inbox.text_of(message), "the link is not HTTPS"
    status, _, page = visitor.fetch(path)
    status, _, page = visitor.fetch(
        path, {"csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken")}
    )
    assert status == 200 and "Front Door CI" in page, f"the confirmation: {status}"


def check_admin_and_count(stack, context, env):
    step("the admin login, over HTTPS, never cached")
    create = ["python", "manage.py", "createmoderator", "ci", "--email", "ci@signon.example",
              "--noinput"]  # fmt: skip
    subprocess.run(
        ["docker", "exec", *[f for n in env for f in ("-e", n)], "-e", "DJANGO_MODERATOR_PASSWORD",
         stack.names["web"], *create],
        env={**os.environ, **env, "DJANGO_MODERATOR_PASSWORD": MODERATOR_PASSWORD},
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    moderator = Visitor(stack.ports, context)
    status, _, page = moderator.fetch("/admin/login/?next=/admin/")
    assert status == 200, f"admin login page: {status}"
    fields = {"csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"), "username": "ci",
              "password": MODERATOR_PASSWORD, "next": "/admin/"}  # fmt: skip
    status, headers, page = moderator.fetch("/admin/login/?next=/admin/", fields)
    assert status == 200 and 'action="/admin/logout/"' in page, f"admin login: {status}"
    assert "no-store" in headers["Cache-Control"], headers
    _, headers, _ = moderator.fetch(LETTER)
    assert headers["X-Cache"] == "BYPASS", f"a session's page came from the cache: {headers}"

    step("the count through the front door is exact a second after an approval")
    visitor = Visitor(stack.ports, context)
    count = f"{LETTER}count.json"
    _, before_headers, body = visitor.fetch(count)
    before = json.loads(body)["count"]
    approve = (
        "from django.contrib.auth import get_user_model; "
        "from signatories.models import Signature; "
        "from signatories.moderation.review import signature_approve; "
        "signature_approve(signature=Signature.objects.get(email='front-ci@signon-example.org'), "
        "moderator=get_user_model().objects.get(username='ci'))"
    )
    subprocess.run(
        ["docker", "exec", *[f for n in env for f in ("-e", n)], stack.names["web"],
         "python", "manage.py", "shell", "-c", approve],
        env={**os.environ, **env}, check=True,
    )  # fmt: skip
    time.sleep(1.1)  # the micro-cache's second
    _, after_headers, body = visitor.fetch(count)
    after = json.loads(body)["count"]
    cache_headers = [
        {name: headers.get(name) for name in ("X-Cache", "Age", "ETag", "Date", "Cache-Control")}
        for headers in (before_headers, after_headers)
    ]
    assert after == before + 1, f"count {before} then {after} after the approval: {cache_headers}"
    assert "X-Accel-Expires" not in after_headers, "the front door passed on X-Accel-Expires"


def check_slow_clients(stack, visitor, target, mode):
    """500 slow connections (half slow headers, half slow bodies) from a container on the
    front door's network, for SLOW_SECONDS, while `visitor` loads the letter page and signs."""
    step(f"{SLOW_CONNECTIONS} slow clients for {SLOW_SECONDS}s while a visitor reads and signs")
    for _ in range(10):
        visitor.fetch(LETTER)
    baseline = percentile([seconds for _, _, seconds in visitor.timings], 0.99)
    visitor.timings.clear()
    host, port = target
    attack = subprocess.Popen(
        ["docker", "run", "--rm", "--name", stack.names["slow"], "--network", stack.network,
         "-v", f"{CI_DIR}:/ci:ro", stack.app_image, "python", "/ci/slow_clients.py", host,
         str(port), mode, str(SLOW_SECONDS), str(SLOW_CONNECTIONS), LETTER],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(8)  # the connections ramp up
    started, signed, signed_in = time.monotonic(), 0, 0
    while attack.poll() is None and time.monotonic() - started < SLOW_SECONDS + 30:
        visitor.fetch(LETTER)
        visitor.fetch(f"{LETTER}count.json")
        if time.monotonic() - started > SLOW_SECONDS / 4 * (signed + 1) and signed < 3:
            signed += 1
            status, _, page = visitor.sign(
                f"Slow CI {signed}", f"slow-ci-{signed}@signon-example.org"
            )
            signed_in += status == 200 and "Check your inbox" in page
        time.sleep(0.2)
    report = attack.communicate(timeout=60)[0]
    print(f"slow clients: {report.strip()}")
    statuses = [status for _, status, _ in visitor.timings]
    seconds = [seconds for _, _, seconds in visitor.timings]
    p99 = percentile(seconds, 0.99)
    print(
        f"visitor: {len(seconds)} requests, {statuses.count(200)} answered 200, p99 {p99:.3f}s "
        f"(before the slow clients: {baseline:.3f}s), {signed_in} of {signed} sign-ons through"
    )
    return statuses, p99, signed_in, json.loads(report)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def check_renewal(stack, context, first):
    step("the certificate is renewed when told to")
    docker("exec", stack.names["front"], "front-door", "renew", "--force")
    renewed = wait_for_certificate(stack, context, different_from=first["serialNumber"])
    print(f"serial {first['serialNumber']} -> {renewed['serialNumber']}")


def front_door(app_image, front_image, pebble_image):
    stack = Stack(app_image, front_image, pebble_image)
    try:
        fresh_database(DATABASE_URL)
        redis_flush()
        stack.inbox.start()
        stack.start_network()
        env = start_app(stack)
        start_pebble(stack)
        context = ssl.create_default_context(cadata=pebble_root(stack))
        start_front(stack)
        step("the certificate from Pebble")
        certificate = wait_for_certificate(stack, context)
        print(f"issued by {dict(x[0] for x in certificate['issuer'])['commonName']}")
        check_http_redirects_to_https(stack)
        check_pages(stack, context)
        check_sign_on(stack, context)
        check_admin_and_count(stack, context, env)
        visitor = Visitor(stack.ports, context)
        statuses, p99, signed, attack = check_slow_clients(stack, visitor, (HOST, 443), "tls")
        # Not a pass by default: the slow clients did reach the front door, hundreds at once.
        assert attack["held_peak"] >= SLOW_CONNECTIONS // 2, f"the slow clients: {attack}"
        assert all(status == 200 for status in statuses), f"the visitor was refused: {statuses}"
        assert signed == 3, f"{signed} of 3 sign-ons went through"
        assert p99 < 1.0, f"the visitor's p99 was {p99:.2f}s"
        check_renewal(stack, context, certificate)
    except (AssertionError, subprocess.CalledProcessError, OSError) as error:
        stack.logs()
        print(f"FAILED: {error}", flush=True)
        return 1
    finally:
        stack.remove()
    print("The front door gets its certificate, serves, buffers slow clients and renews.")
    return 0


def direct(app_image):
    """The slow clients against gunicorn itself: no assertion, the figures for comparison."""
    stack = Stack(app_image)
    try:
        fresh_database(DATABASE_URL)
        redis_flush()
        stack.inbox.start()
        stack.start_network()
        start_app(stack, SECURE_COOKIES="false")  # the visitor speaks plain HTTP to gunicorn
        visitor = Visitor({80: (stack.gateway, stack.web_port)}, scheme="http",
                          headers={"X-Forwarded-Proto": "https"})  # fmt: skip
        wait_until(lambda: visitor.fetch("/healthz")[0] == 200, 60, "gunicorn")
        check_slow_clients(stack, visitor, (stack.gateway, stack.web_port), "plain")
    finally:
        stack.remove()
    return 0


def redis_flush():
    redis.Redis.from_url(REDIS_URL).flushdb()  # rate-limit counters and the broker's queue


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--direct", action="store_true")
    parser.add_argument("images", nargs="+")
    arguments = parser.parse_args()
    sys.exit(direct(*arguments.images) if arguments.direct else front_door(*arguments.images))
