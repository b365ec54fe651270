"""Sign-on POSTs, measured against a yardstick: the project's sign-on form and a bare Django
sign-on (bench/bare/) each take wrk's POSTs for the same time with the same connections.

Each POST reuses one CSRF cookie and token (and, for the project, one signed "started"
token) taken from a single GET of the form, with a unique email per request: the figure is
the server's, not the load generator's HTML parsing. Only 302/303 answers count as accepted;
afterwards the rows stored under the run's email prefix are counted and compared with them."""

import re
import secrets
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.stack import WebServer, manage

SCRIPT = Path(__file__).with_name("signon_post.lua")
CONNECTIONS = 16
WARM_UP_SECONDS = 2
POST_LETTER = "bench-post"
BARE_DATABASE = "bench_bare"
BARE_QUEUE = "bench-bare-signons"  # bench/bare/settings.py's QUEUE_KEY
# The project form's other fields, as a person fills them (the hidden "homepage" left empty).
PROJECT_FIELDS = {
    "organization": "Org",
    "country": "KE",
    "scope": "national",
    "listing": "named",
    "contact_name": "Contact",
    "homepage": "",
}


def measure(tmp, started, postgres, env, base, seconds, workers):
    """The bare sign-on's POSTs, then the project's: (bare, project, checks)."""
    bare_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "bench.bare.settings",
        "DATABASE_URL": postgres.url(BARE_DATABASE),
    }
    postgres.create_database(BARE_DATABASE)
    manage(bare_env, "migrate", "--noinput")
    bare_web = WebServer(tmp, bare_env, workers=workers, app="bench.bare.wsgi:application")
    started.append(bare_web.start())
    prefix = f"post{secrets.token_hex(3)}"
    bare = warm_then_post(
        bare_web.url, "/sign/", seconds, prefix, {"organization": "Org"}, bare_env["REDIS_URL"]
    )
    bare_web.stop()
    bare["stored"], distinct, pushed = _bare_stored(bare_env, prefix)
    project = warm_then_post(base, f"/letters/{POST_LETTER}/sign/", seconds, prefix, PROJECT_FIELDS)
    project["stored"] = _settled(lambda: _project_stored(prefix))
    checks = [
        _stored_check(
            "bare sign-on", bare, distinct == bare["stored"] == pushed, f"{pushed} pushed"
        ),
        _stored_check("project sign-on", project, True, "one per email by constraint"),
    ]
    return bare, project, checks


def warm_then_post(base, path, seconds, prefix, fields, bare_redis_url=None):
    """POSTs for WARM_UP_SECONDS first, under another prefix and not counted (each gunicorn
    worker's first requests import modules and open connections: not the sign-on's speed, and
    the project has more to load than the bare one), then the measured run. The bare sign-on's
    list starts empty again once the warm-up has settled, so that it holds one entry per row
    of the measured run."""
    post_for(base, path, WARM_UP_SECONDS, f"warm{prefix}", fields)
    if bare_redis_url:
        import redis

        queue = redis.Redis.from_url(bare_redis_url)
        _settled(lambda: queue.llen(BARE_QUEUE))  # the warm-up's last requests finish
        queue.delete(BARE_QUEUE)
    return post_for(base, path, seconds, prefix, fields)


def post_for(base, path, seconds, prefix, fields):
    cookie, hidden = _form_once(base + path)
    body = urllib.parse.urlencode({**hidden, **fields, "country": "KE", "consent": "on"})
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "30s"]
        + ["-s", str(SCRIPT)]
        + [base + path, "--", cookie, body, prefix],
        capture_output=True,
        text=True,
        check=True,
    )
    return _parse(result.stdout)


def _form_once(url):
    """The cookies and hidden fields (CSRF token, "started") of one GET of the form."""
    with urllib.request.urlopen(url, timeout=30) as response:
        page = response.read().decode()
        cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
    hidden = {}
    for name in ("csrfmiddlewaretoken", "started"):
        match = re.search(rf'name="{name}" value="([^"]*)"', page)
        if match:
            hidden[name] = match.group(1)
    if "csrfmiddlewaretoken" not in hidden:
        raise RuntimeError(f"no CSRF token in the form at {url}")
    return "; ".join(cookies), hidden


def _parse(out):
    seconds = float(re.search(r"requests in ([\d.]+)s", out).group(1))
    accepted = int(re.search(r"Redirects: (\d+)", out).group(1))
    other, status = re.search(r"Other answers: (\d+) \(highest status (\d+)\)", out).groups()
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": accepted / seconds,
        "p50_ms": _latency(out, "50%"),
        "p99_ms": _latency(out, "99%"),
        "errors": int(other),
        "highest_error_status": int(status),
        "accepted": accepted,
        "socket_errors": sum(int(n) for n in socket.groups()) if socket else 0,
    }


def _latency(out, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def _settled(count, quiet=1.0, timeout=30):
    """A count once it has stopped changing: requests in flight when wrk stopped finish."""
    deadline = time.monotonic() + timeout
    last = count()
    while time.monotonic() < deadline:
        time.sleep(quiet)
        current = count()
        if current == last:
            return current
        last = current
    return last


def _project_stored(prefix):
    from signatories.models import Signature

    return Signature.objects.filter(letter__slug=POST_LETTER, email__startswith=prefix).count()


def _bare_stored(bare_env, prefix):
    """Rows stored under the prefix, distinct emails among them, and Redis pushes."""
    import psycopg2
    import redis

    queue = redis.Redis.from_url(bare_env["REDIS_URL"])
    connection = psycopg2.connect(bare_env["DATABASE_URL"])
    connection.autocommit = True

    def count():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), count(DISTINCT email) FROM bare_signon WHERE email LIKE %s",
                [prefix + "-%"],
            )
            return (*cursor.fetchone(), queue.llen(BARE_QUEUE))

    try:
        return _settled(count)
    finally:
        connection.close()


def _stored_check(name, result, also_ok, detail):
    """Every 302 stored once: at least one row per redirect, and no more than the requests
    still in flight when wrk stopped counting (one per connection, plus any it gave up on)."""
    accepted, stored, errors = result["accepted"], result["stored"], result["errors"]
    in_flight = CONNECTIONS + result["socket_errors"]
    ok = 0 < accepted <= stored <= accepted + in_flight and errors == 0 and also_ok
    return {
        "name": f"{name} POSTs: every one redirected, each redirect stored once",
        "ok": bool(ok),
        "detail": f"{accepted} redirected, {errors} other answers"
        + (f" (highest status {result['highest_error_status']})" if errors else "")
        + f", {stored} stored, {result['socket_errors']} socket errors, {detail}",
    }
