"""The real moving parts, started by tests on spare loopback ports: an SMTP server, Redis,
PostgreSQL, gunicorn serving the app and Celery workers. Tests that stop and restart a server
use their own instance, never the machine's shared ones."""

import functools
import http.client
import http.cookiejar
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller

PROJECT_DIR = Path(__file__).resolve().parents[1]

# aiosmtpd logs every connection at INFO from its own thread, past the test that opened it.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class Inbox:
    """An SMTP server on loopback that collects what it receives; it can be stopped and
    started again on the same port."""

    def __init__(self):
        self.messages = []
        self.port = free_port()
        self._arrived = threading.Condition()
        self._controller = None
        # Replies to RCPT for given recipients, e.g. {"x@y": "550 5.1.1 <x@y>: unknown"},
        # quoting the address as real mail servers do; and every RCPT the server was sent.
        self.refusals = {}
        self.rcpt_attempts = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        self.rcpt_attempts.append(address)
        if address in self.refusals:
            return self.refusals[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook)
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def start(self):
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def wait_for(self, count, timeout=60):
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.messages) >= count, timeout):
                raise AssertionError(f"{len(self.messages)} of {count} emails arrived")
        return self.messages[:count]

    def recipients(self):
        return [message["To"] for message in self.messages]

    @staticmethod
    def text_of(message):
        return message.get_body(preferencelist=("plain",)).get_content()

    def confirm_path(self, message):
        match = re.search(r"https?://[^/\s]+(/confirm/[^\s]+/)", self.text_of(message))
        assert match, self.text_of(message)
        return match.group(1)


class ServerProcess:
    """A child process with its output in a log file, stopped when the test ends."""

    def __init__(self, command, log_path, env=None, user=None):
        self.command = command
        self.log_path = Path(log_path)
        self.env = env
        self.user = user
        self.process = None

    def start(self):
        command = ["runuser", "-u", self.user, "--", *self.command] if self.user else self.command
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(
                command,
                cwd=PROJECT_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def log(self):
        return self.log_path.read_text() if self.log_path.exists() else ""

    def assert_running(self):
        if self.process.poll() is not None:
            raise AssertionError(f"{self.command[0]} exited:\n{self.log()[-4000:]}")


class RedisServer(ServerProcess):
    def __init__(self, tmp_path):
        self.port = free_port()
        command = [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(tmp_path)]
        super().__init__(command, tmp_path / f"redis-{self.port}.log")

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        super().start()
        wait_until(lambda: port_open(self.port), 20, "Redis to listen")
        return self


class PostgresServer(ServerProcess):
    """A private PostgreSQL cluster, run as the postgres user (initdb refuses root)."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.bin = Path(_postgres_bin_dir())
        # pytest's own temporary folders are private to root; the postgres user needs a way in.
        self.root = Path(tempfile.mkdtemp(prefix="signon-pg-"))
        self.root.chmod(0o755)
        self.data = self.root / "data"
        self.data.mkdir()
        shutil.chown(self.data, "postgres", "postgres")
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(self.bin / "initdb"), "-D", str(self.data)]
            + ["--auth=trust", "--username=postgres", "--no-sync"],
            check=True,
            capture_output=True,
        )
        command = [str(self.bin / "postgres"), "-D", str(self.data), "-p", str(self.port)]
        command += ["-k", str(self.data), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]
        super().__init__(command, tmp_path / f"pg-{self.port}.log", user="postgres")

    def url(self, name="signon"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def start(self):
        super().start()
        wait_until(lambda: port_open(self.port), 30, "PostgreSQL to listen")
        return self

    def stop(self, sig=signal.SIGINT, timeout=30):  # SIGINT: PostgreSQL's fast shutdown
        super().stop(sig, timeout)

    def remove(self):
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self, name="signon"):
        subprocess.run(
            [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port)]
            + ["-U", "postgres", name],
            check=True,
            capture_output=True,
        )


def _postgres_bin_dir():
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not versions:
        raise RuntimeError("PostgreSQL server binaries not found under /usr/lib/postgresql")
    return versions[-1].parent


def manage(env, *args):
    """Run a manage.py command in its own process with this environment, as a deploy would."""
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


def app_env(**overrides):
    """The environment of an app process: this test run's, with the given overrides."""
    from django.conf import settings

    env = {
        **os.environ,
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "false",
        "SIGNING_MIN_FILL_SECONDS": "0",
        "RATE_LIMIT_SIGN": "1000/m",
        "RATE_LIMIT_CONFIRM": "1000/m",
        "RATE_LIMIT_NEW_LINK": "1000/m",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
    }
    env.update({key: str(value) for key, value in overrides.items()})
    return env


class WebServer(ServerProcess):
    """gunicorn serving the app, as in production."""

    def __init__(self, tmp_path, env, workers=2, app="config.wsgi:application"):
        self.port = free_port()
        command = [sys.executable, "-m", "gunicorn", app]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(workers)]
        command += ["--timeout", "60", "--graceful-timeout", "5"]
        super().__init__(command, tmp_path / f"web-{self.port}.log", env=env)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        super().start()
        wait_until(lambda: self.process.poll() is not None or port_open(self.port), 30, "gunicorn")
        self.assert_running()
        return self


class Worker(ServerProcess):
    """A Celery worker process; with beat=True it also runs the periodic tasks."""

    def __init__(self, tmp_path, env, name, beat=False, concurrency=None, loglevel="INFO"):
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-n", name]
        if concurrency:
            command += ["--concurrency", str(concurrency)]
        else:
            command += ["--pool", "solo"]
        command += ["--loglevel", loglevel, "--without-mingle", "--without-gossip"]
        if beat:
            command += ["--beat", "--schedule", str(tmp_path / f"beat-{name}")]
        super().__init__(command, tmp_path / f"worker-{name}.log", env=env)

    def start(self):
        super().start()
        wait_until(lambda: self.process.poll() is not None or " ready." in self.log(), 60, "worker")
        self.assert_running()
        return self


class Signer:
    """An organization signing through the real form over HTTP: GET for the CSRF token,
    POST, follow the redirect."""

    def __init__(self, base_url, source_address=None):
        self.base_url = base_url
        handlers = [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())]
        if source_address:
            handlers.append(_FromAddress(source_address))
        self.opener = urllib.request.build_opener(*handlers)

    def get(self, path):
        try:
            with self.opener.open(self.base_url + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path, data):
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(
            self.base_url + path, data=body, headers={"Referer": self.base_url + path}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def press(self, path):
        """Open a page and post its form (the button of a confirm or withdraw page)."""
        status, page = self.get(path)
        assert status == 200, page[:500]
        return self.post(path, {"csrfmiddlewaretoken": _hidden(page, "csrfmiddlewaretoken")})

    def sign(self, slug, **fields):
        path = f"/letters/{slug}/sign/"
        status, page = self.get(path)
        assert status == 200, page[:500]
        data = {
            "csrfmiddlewaretoken": _hidden(page, "csrfmiddlewaretoken"),
            "started": _hidden(page, "started"),
            "organization": "Org",
            "country": "KE",
            "scope": "national",
            "listing": "named",
            "contact_name": "Contact",
            "email": "contact@org-example.org",
            "consent": "on",
            **fields,
        }
        return self.post(path, data)


class _FromAddress(urllib.request.HTTPHandler):
    """Connects from a given local address (say 127.0.0.2) so that the server sees a client
    address a test can look for in logs, distinct from the servers' own 127.0.0.1."""

    def __init__(self, source_address):
        super().__init__()
        self.source_address = source_address

    def http_open(self, req):
        return self.do_open(
            functools.partial(http.client.HTTPConnection, source_address=(self.source_address, 0)),
            req,
        )


def _hidden(page, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, f"no {name} in the page"
    return match.group(1)


def database_url_of_test_database():
    """The URL of the test database pytest-django created, for child processes."""
    from django.db import connection

    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
