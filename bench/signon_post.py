"""Sign-on POSTs, measured against a yardstick: the project's sign-on form and a bare Django
sign-on (bench/bare/) each take wrk's POSTs for the same time with the same connections.

Each POST reuses one CSRF cookie and token taken from a single GET of the form, with a unique
email per request and, for the project, a signed "started" token of its own (each serves one
signature), minted beforehand by this process with the server's key: the figure is the
server's, not the load generator's HTML parsing. Only 302/303 answers count as accepted;
afterwards the rows stored under the run's email prefix are counted and compared with them."""

import re
import secrets
import statistics
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.stack import WebServer, manage

SCRIPT = Path(__file__).with_name("signon_post.lua")
CONNECTIONS = 16
WARM_UP_SECONDS = 2
SLICES = 2
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
    """The bare sign-on's POSTs and the project's, in alternating slices: (bare, project,
    checks). This shared machine's speed drifts within a minute; alternating SLICES times
    gives both the same share of its fast and slow moments."""
    bare_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "bench.bare.settings",
        "DATABASE_URL": postgres.url(BARE_DATABASE),
    }
    postgres.create_database(BARE_DATABASE)
    manage(bare_env, "migrate", "--noinput")
    bare_web = WebServer(tmp, bare_env, workers=workers, app="bench.bare.wsgi:application")
    started.append(bare_web.start())
    bare_form = (bare_web.url, "/sign/", {"organization": "Org"})
    project_form = (base, f"/letters/{POST_LETTER}/sign/", PROJECT_FIELDS)
    prefix = f"post{secrets.token_hex(3)}"
    warm_up(bare_form, project_form, prefix, bare_env["REDIS_URL"])
    bare_runs, project_runs = [], []
    for n in range(SLICES):
        # A prefix per slice: the wrk script numbers its emails afresh in each run.
        bare_runs.append(post_for(*bare_form, max(1, seconds // SLICES), f"{prefix}s{n}"))
        project_runs.append(post_for(*project_form, max(1, seconds // SLICES), f"{prefix}s{n}"))
    bare_web.stop()
    bare, project = _combined(bare_runs), _combined(project_runs)
    bare["stored"], distinct, pushed = _bare_stored(bare_env, prefix)
    project["stored"] = _settled(lambda: _project_stored(prefix))
    checks = [
        _stored_check(
            "bare sign-on", bare, distinct == bare["stored"] == pushed, f"{pushed} pushed"
        ),
        _stored_check("project sign-on", project, True, "one per email by constraint"),
    ]
    return bare, project, checks


def warm_up(bare_form, project_form, prefix, bare_redis_url):
    """POSTs for WARM_UP_SECONDS to each, under another prefix and not counted (each gunicorn
    worker's first requests import modules and open connections: not the sign-on's speed, and
    the project has more to load than the bare one). The bare sign-on's list starts empty
    again once the warm-up has settled, so that it holds one entry per row measured."""
    import redis

    for base, path, fields in (bare_form, project_form):
        post_for(base, path, fields, WARM_UP_SECONDS, f"warm{prefix}")
    queue = redis.Redis.from_url(bare_redis_url)
    _settled(lambda: queue.llen(BARE_QUEUE))  # the warm-up's last requests finish
    queue.delete(BARE_QUEUE)


def _combined(runs):
    seconds = sum(run["seconds"] for run in runs)
    accepted = sum(run["accepted"] for run in runs)
    return {
        "rps": accepted / seconds,
        "p50_ms": statistics.mean(run["p50_ms"] for run in runs),
        "p99_ms": max(run["p99_ms"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "highest_error_status": max(run["highest_error_status"] for run in runs),
        "accepted": accepted,
        "socket_errors": sum(run["socket_errors"] for run in runs),
        "seconds": seconds,
        "runs": len(runs),
    }


THREADS = 2
# Form tokens minted per second of a run: more than the project answers on any machine.
TOKENS_PER_SECOND = 2000


def post_for(base, path, fields, seconds, prefix):
    cookie, hidden = _form_once(base + path)
    tokens = ""
    if hidden.pop("started", None) is not None:
        tokens = _form_tokens(seconds * TOKENS_PER_SECOND, prefix)
    body = urllib.parse.urlencode({**hidden, **fields, "country": "KE", "consent": "on"})
    try:
        result = subprocess.run(
            ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
            + ["--timeout", "30s", "-s", str(SCRIPT)]
            + [base + path, "--", cookie, body, prefix, tokens, str(THREADS)],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        if tokens:
            Path(tokens).unlink()
    return _parse(result.stdout)


def _form_tokens(count, prefix):
    """A file of `count` "started" tokens as the form signs them (this process has the
    server's settings, its key included), each for one POST."""
    from signatories.abuse.bots import form_started_token

    with tempfile.NamedTemporaryFile("w", prefix=prefix, suffix=".txt", delete=False) as file:
        file.write("\n".join(form_started_token() for _ in range(count)))
    return file.name


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
        "seconds": seconds,
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
                [prefix + "%"],
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
    in_flight = CONNECTIONS * result.get("runs", 1) + result["socket_errors"]
    ok = 0 < accepted <= stored <= accepted + in_flight and errors == 0 and also_ok
    return {
        "name": f"{name} POSTs: every one redirected, each redirect stored once",
        "ok": bool(ok),
        "detail": f"{accepted} redirected, {errors} other answers"
        + (f" (highest status {result['highest_error_status']})" if errors else "")
        + f", {stored} stored, {result['socket_errors']} socket errors, {detail}",
    }
