"""`make bench`: the production stack on loopback under load, one table of results.

Starts a private PostgreSQL, Redis, an SMTP server (aiosmtpd), gunicorn with production
settings and a Celery worker; seeds letters with 1,000 and 50,000 approved signatories; drives
load from separate processes (wrk, and Python signers for the sign-on form); measures sign-on
POSTs against a bare Django sign-on (bench/signon_post.py); prints the table, writes
bench/results.json, and exits non-zero if a correctness check fails.

`bench/run.py --only signon-post` runs only the sign-on POST comparison (about a minute);
`--only front-door` only the rows through the front door (bench/front_door.py, nginx).
`bench/run.py --only signon-timing`, only whether a POST's time tells who has signed
(bench/signon_timing.py, under a minute)."""

import argparse
import collections
import json
import multiprocessing
import os
import platform
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import front_door, signon_post, signon_timing  # noqa: E402
from bench.cpu_weights import children  # noqa: E402
from tests.stack import (  # noqa: E402
    PROJECT_DIR,
    Inbox,
    PostgresServer,
    RedisServer,
    Signer,
    WebServer,
    Worker,
    manage,
    wait_until,
)

DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
SIGN_SECONDS = int(os.environ.get("BENCH_SIGN_SECONDS", "60"))
SIGNERS = int(os.environ.get("BENCH_SIGNERS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
WEB_WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", "4"))
WARM_UP_SECONDS = 2
TARGETS = {
    "letter page": 1.0,
    "count.json": 1.0,
    "directory": 0.5,
    "directory, filtered": 0.5,
    "sign-on submissions": 0.1,
    "sign-on POST vs bare Django sign-on": 0.6,
    **front_door.TARGETS,
}
RESULTS = PROJECT_DIR / "bench" / "results.json"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        choices=["signon-post", "signon-timing", "pages", "front-door"],
        help="run only these rows (and the ceiling)",
    )
    only = parser.parse_args().only
    tmp = Path(tempfile.mkdtemp(prefix="signon-bench-"))
    started = []
    try:
        report = run(tmp, started, only)
    finally:
        for process in reversed(started):
            process.stop()
        for process in started:
            if isinstance(process, PostgresServer):
                process.remove()
        shutil.rmtree(tmp, ignore_errors=True)
    print_report(report)
    RESULTS.write_text(json.dumps(report, indent=2, default=str))
    print(f"\nWritten to {RESULTS.relative_to(PROJECT_DIR)}")
    return 0 if all(check["ok"] for check in report["checks"]) else 1


def run(tmp, started, only=None):
    postgres = PostgresServer(tmp).start()
    started.append(postgres)
    postgres.create_database("bench")
    redis = RedisServer(tmp).start()
    started.append(redis)
    inbox = TimedInbox()
    inbox.start()
    env = bench_env(postgres.url("bench"), redis.url, inbox.url)
    os.environ.update(env)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    configure_django()
    from bench.seed import LETTERS, PAGE_LETTERS, seed

    post_letter = [signon_post.POST_LETTER]
    seed(
        {
            "signon-post": post_letter,
            "signon-timing": post_letter,
            "pages": PAGE_LETTERS,
            "front-door": [*PAGE_LETTERS, "bench-launch"],
        }.get(only, LETTERS)
    )
    settle_database()
    if only == "front-door":
        front_rows, front_checks = measure_front_door(tmp, started, env)
        return report_of(front_rows, {}, front_checks)
    web = WebServer(tmp, env, workers=WEB_WORKERS).start()
    started.append(web)
    if only == "pages":
        return report_of(measure_pages(web.url), {}, [])
    # One POST at a time, before any other load: whether its time tells who has signed.
    timing_checks, timing = signon_timing.measure(web.url)
    if only == "signon-timing":
        return report_of([], {}, timing_checks, timing)
    # Before the worker starts, as the issue measured it: sending the confirmation emails
    # would take the same two cores. The emails these POSTs owe are then dropped from the
    # outbox, so that the worker's figure and the email checks below concern the signers only.
    bare, post, checks = signon_post.measure(
        tmp, started, postgres, env, web.url, DURATION, WEB_WORKERS
    )
    post_rows = [
        row("bare Django sign-on POST", bare, None),
        row("sign-on POST vs bare Django sign-on", post, bare),
    ]
    checks = [*timing_checks, *checks]
    if only:
        return report_of(post_rows, {}, checks, timing)
    from signatories.models import Notification

    Notification.objects.filter(signature__letter__slug=signon_post.POST_LETTER).delete()
    worker = Worker(tmp, env, name="bench", concurrency=4)
    worker.start()
    started.append(worker)

    base = web.url
    rows = measure_pages(base)
    ceiling = rows[0]
    during = DuringSigning(web, worker, "bench-signing")
    during.start()
    signing = sign_for(base, "bench-signing", SIGN_SECONDS)
    during.join()
    rows.append(row("sign-on submissions", signing, ceiling))
    rows.extend(post_rows)
    wait_for_emails(inbox, signing["accepted_emails"])
    checks.extend(correctness(base, signing, inbox))
    delivery_rate = worker_capacity(inbox)
    rows.append({"name": "emails delivered by the worker", "rps": delivery_rate})
    seconds, once = update_send_time(inbox)
    rows.append({"name": "update emails (one dispatcher)", "rps": UPDATE_RECIPIENTS / seconds})
    detail = f"{seconds} s from the button to the last email at the SMTP server"
    checks.append(_check(f"update to {UPDATE_RECIPIENTS:,} signers, each once", once, detail))
    memory = {
        "web worker RSS MiB": rss_of_children(web),
        "Celery worker RSS MiB": rss_tree(worker),
        **during.memory(),
    }
    checks.extend(during.checks(signing["rps"], delivery_rate))
    # Last: its sign-ons' emails would count in the checks of the inbox above.
    web.stop()  # the front door's rows run gunicorn as docker-compose does
    # As in `--only front-door`: the emails owed wait in the outbox. Sent, they would reach
    # the SMTP server in this process, and its work would count against the load.
    worker.stop()
    front_rows, front_checks = measure_front_door(tmp, started, env)
    rows.extend(front_rows)
    checks.extend(front_checks)
    return report_of(rows, memory, checks, timing)


def measure_front_door(tmp, started, env):
    if not front_door.available():
        return [], [_check("the front door's rows", False, "nginx is not installed")]
    return front_door.measure(
        tmp, started, env, wrk=wrk, row=row, sign_for=sign_for, workers=WEB_WORKERS,
        seconds=DURATION,
    )  # fmt: skip


PAGES = [
    ("letter page", "/letters/bench-1000/"),
    ("count.json", "/letters/bench-1000/count.json"),
    ("directory", "/letters/bench-50000/signatories/"),
    ("directory, filtered", "/letters/bench-50000/signatories/?country=KE&scope=national"),
    ("embed", "/letters/bench-1000/embed/"),
]


def measure_pages(base):
    """The ceiling, then each page against it. Every address is requested for a while first
    (each gunicorn worker's first requests import, compile and fill caches: that is not the
    page's speed), and the ceiling is measured again after the pages: on this shared machine it
    drifts, so each page is compared with the mean of the two."""
    urls = [f"{base}/bench/ceiling.json", *(base + path for _name, path in PAGES)]
    for url in urls:
        wrk(url, seconds=WARM_UP_SECONDS)
    before = wrk(urls[0])
    measured = [(name, wrk(url)) for (name, _path), url in zip(PAGES, urls[1:], strict=True)]
    after = wrk(urls[0])
    ceiling = {
        key: statistics.mean([before[key], after[key]]) for key in ("rps", "p50_ms", "p99_ms")
    } | {"errors": before["errors"] + after["errors"]}
    rows = [row("ceiling: constant JSON view", ceiling, None)]
    rows.extend(row(name, result, ceiling) for name, result in measured)
    rows.append({"name": "  (ceiling before the pages)", "rps": before["rps"]})
    rows.append({"name": "  (ceiling after the pages)", "rps": after["rps"]})
    return rows


def report_of(rows, memory, checks, timing=()):
    return {
        "machine": machine(),
        "settings": {
            "wrk_seconds": DURATION,
            "wrk_connections": CONNECTIONS,
            "gunicorn_workers": WEB_WORKERS,
            "signers": SIGNERS,
            "sign_seconds": SIGN_SECONDS,
            "post_connections": signon_post.CONNECTIONS,
        },
        "rows": rows,
        "timing": list(timing),
        "memory": memory,
        "checks": checks,
    }


class TimedInbox(Inbox):
    def __init__(self):
        super().__init__()
        self.times = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.times.append(time.monotonic())
        return await super().handle_DATA(server, session, envelope)


def bench_env(database_url, redis_url, email_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        # One Redis for the bench: the page cache shares the broker's (never in production).
        "PAGE_CACHE_SHARE_BROKER": "true",
        "EMAIL_URL": email_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "http://127.0.0.1",
        # Plain HTTP on loopback: no TLS redirect, no secure-only cookies.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        # All load comes from one address, and the load generator fills forms instantly.
        "RATE_LIMIT_SIGN": "1000000/m",
        # The update-email bench measures how fast the dispatcher can go.
        "UPDATE_EMAILS_PER_MINUTE": "1000000",
        "SIGNING_MIN_FILL_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }


def settle_database():
    """Vacuum and analyse what the seed wrote, and write it out, now: otherwise autovacuum and
    the checkpoint do it during the first rows measured and take their cores."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")


def configure_django():
    import django

    django.setup()
    # What the bench does as a coordinator (starting an update's send) enqueues a task by its
    # registered name, as the web process does, whose views import the tasks.
    import signatories.tasks  # noqa: F401


def wrk(url, seconds=None, headers=()):
    """wrk's figures for `url`; `headers` ("Name: value") are sent with every request."""
    sent = [flag for header in headers for flag in ("-H", header)]
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds or DURATION}s", "--latency", *sent, url],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": _latency(out, "50%"),
        "p99_ms": _latency(out, "99%"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def _latency(out, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def row(name, measured, reference):
    """A row of the table; its ratio is to the ceiling, or to the reference its name gives."""
    ratio = measured["rps"] / reference["rps"] if reference else None
    target = TARGETS.get(name)
    return {
        "name": name,
        **{k: v for k, v in measured.items() if k != "accepted_emails"},
        "ratio": ratio,
        "target": target,
        "meets_target": None if target is None else ratio >= target,
    }


def _signer_process(base, slug, seconds, index, results, nice):
    os.nice(nice)
    signer_latencies, accepted, failed = [], [], 0
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        email = f"signer{index}-{n}@org{index}-{n}-example.org"
        started = time.monotonic()
        try:
            status, page = Signer(base).sign(slug, email=email, organization=f"Org {index}-{n}")
            ok = status == 200 and "Check your inbox" in page
        except Exception:  # noqa: BLE001 (a failed request is counted, not fatal)
            ok = False
        signer_latencies.append((time.monotonic() - started) * 1000)
        if ok:
            accepted.append(email)
        else:
            failed += 1
        n += 1
    results.put((signer_latencies, accepted, failed))


def sign_for(base, slug, seconds, nice=0, batch=0):
    """SIGNERS processes sign through the real form (GET, POST, redirect) for `seconds`, at
    `nice` priority; each batch signs with addresses of its own."""
    results = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(
            target=_signer_process, args=(base, slug, seconds, batch * SIGNERS + i, results, nice)
        )
        for i in range(SIGNERS)
    ]
    started = time.monotonic()
    for process in processes:
        process.start()
    collected = [results.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.monotonic() - started
    latencies = sorted(latency for chunk, _a, _f in collected for latency in chunk)
    accepted = [email for _l, chunk, _f in collected for email in chunk]
    return {
        "rps": len(accepted) / elapsed,
        "p50_ms": statistics.median(latencies),
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1],
        "errors": sum(failed for _l, _a, failed in collected),
        "accepted_emails": accepted,
    }


class DuringSigning(threading.Thread):
    """What the sign-on run leaves behind as it goes, read EARLY_SECONDS into it and at its
    end: each process's memory (RSS), and the confirmation emails owed but not yet sent."""

    EARLY_SECONDS = 10

    def __init__(self, web, worker, slug):
        super().__init__()
        self.web, self.worker, self.slug = web, worker, slug
        self.samples = {}

    def run(self):
        from django.db import connection

        started = time.monotonic()
        try:
            for name, at in (("early", self.EARLY_SECONDS), ("end", SIGN_SECONDS - 0.5)):
                time.sleep(max(0, started + at - time.monotonic()))
                self.samples[name] = {
                    "web": rss_of_children(self.web),
                    "worker": rss_tree(self.worker),
                    "owed": self._owed(),
                }
        finally:
            connection.close()

    def _owed(self):
        from signatories.models import Notification

        return Notification.objects.filter(
            signature__letter__slug=self.slug, sent_at__isnull=True, failed_at__isnull=True
        ).count()

    def memory(self):
        early, end = self.samples["early"], self.samples["end"]
        return {
            f"web worker RSS MiB at {self.EARLY_SECONDS} s / {SIGN_SECONDS} s": (
                f"{early['web']} / {end['web']}"
            ),
            f"Celery worker RSS MiB at {self.EARLY_SECONDS} s / {SIGN_SECONDS} s": (
                f"{early['worker']} / {end['worker']}"
            ),
        }

    def checks(self, signing_rate, delivery_rate):
        early, end = self.samples["early"], self.samples["end"]
        growth = {name: end[name] / early[name] - 1 for name in ("web", "worker")}
        # The dispatcher looks every OUTBOX_POLL_SECONDS: a second's sign-ons may be owed at
        # any moment without the outbox growing.
        slack = signing_rate
        return [
            _check(
                f"memory grows at most 10% from {self.EARLY_SECONDS} s to {SIGN_SECONDS} s",
                all(value <= 0.10 for value in growth.values()),
                ", ".join(f"{name} {value:+.1%}" for name, value in growth.items()),
            ),
            _check(
                "the worker keeps pace: emails owed do not grow during the sign-on run",
                end["owed"] <= early["owed"] + slack and delivery_rate >= signing_rate,
                f"{early['owed']} owed at {self.EARLY_SECONDS} s, {end['owed']} at the end; "
                f"worker {delivery_rate:.0f} emails/s for {signing_rate:.0f} sign-ons/s",
            ),
        ]


def wait_for_emails(inbox, emails):
    wait_until(lambda: len(inbox.messages) >= len(emails), 300, "every confirmation email")
    time.sleep(3)  # a duplicate, if any, would arrive now


def worker_capacity(inbox, count=400):
    """Emails per second the worker sends from a backlog: during the sign-on run it only
    keeps pace with the signers, which says nothing of how fast it could go."""
    from signatories.models import Notification, Signature

    signatures = list(Signature.objects.filter(letter__slug="bench-signing")[:count])
    before = len(inbox.messages)
    started = time.monotonic()
    # Owed as a request owes them: the worker's outbox dispatcher hands them over.
    owed = Notification.objects.bulk_create(
        [Notification(signature=s, kind=Notification.Kind.ALREADY_SIGNED) for s in signatures]
    )
    wait_until(lambda: len(inbox.messages) >= before + len(owed), 300, "the backlog to drain")
    return len(owed) / (inbox.times[-1] - started)


UPDATE_RECIPIENTS = 5000


def update_send_time(inbox):
    """Seconds from the coordinator's button to the last update email at the SMTP server,
    for UPDATE_RECIPIENTS opted-in signers (the pace set far above what the worker can do),
    and whether each got it exactly once."""
    from letter.models import Letter, LetterUpdate
    from signatories.mail.updates import mailing as update_mailing
    from signatories.models import Signature

    letter = Letter.objects.get(slug="bench-50000")
    chosen = Signature.objects.filter(letter=letter).order_by("pk")[:UPDATE_RECIPIENTS]
    Signature.objects.filter(pk__in=list(chosen.values_list("pk", flat=True))).update(
        wants_updates=True
    )
    emails = set(update_mailing.update_recipients(letter.pk).values_list("email", flat=True))
    update = LetterUpdate.objects.create(letter=letter, title="Bench update", body="News.")
    before = len(inbox.messages)
    started = time.monotonic()
    update_mailing.update_send_start(update=update, started_by=None)
    wait_until(lambda: len(inbox.messages) >= before + len(emails), 900, "the update emails")
    seconds = inbox.times[-1] - started
    time.sleep(3)  # a duplicate, if any, would arrive now
    received = [message["To"] for message in inbox.messages[before:]]
    return round(seconds, 1), sorted(received) == sorted(emails)


def correctness(base, signing, inbox):
    from letter.models import Letter
    from signatories.models import Signature
    from signatories.signing import services

    accepted = signing["accepted_emails"]
    letter = Letter.objects.get(slug="bench-signing")
    stored = Signature.objects.filter(letter=letter).count()
    received = collections.Counter(inbox.recipients())
    checks = [
        _check(
            "stored signatures = accepted submissions",
            stored == len(accepted),
            f"{stored} stored, {len(accepted)} accepted",
        ),
        _check(
            "each accepted signer got exactly one confirmation email",
            set(received) == set(accepted) and all(n == 1 for n in received.values()),
            f"{len(received)} addresses, {sum(received.values())} emails",
        ),
    ]
    checks.append(_count_after_approvals(base, letter, services, Signature))
    return checks


def _count_after_approvals(base, letter, services, Signature):
    """Approve signatures one by one; each time count.json must be exact within 1 s."""
    from signatories.moderation import review

    slowest = 0.0
    exact = True
    for signature in Signature.objects.filter(letter=letter).order_by("pk")[:10]:
        services.signature_confirm(signature=signature)
        review.signature_approve(signature=signature, moderator=None)
        expected = Signature.objects.public().filter(letter=letter).count()
        approved_at = time.monotonic()
        while True:
            _status, body = Signer(base).get(f"/letters/{letter.slug}/count.json")
            if json.loads(body)["count"] == expected:
                slowest = max(slowest, time.monotonic() - approved_at)
                break
            if time.monotonic() - approved_at > 1.0:
                exact = False
                break
    return _check(
        "count.json exact within 1 s of each approval", exact, f"slowest: {slowest * 1000:.0f} ms"
    )


def _check(name, ok, detail):
    return {"name": name, "ok": bool(ok), "detail": detail}


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def rss_of_children(server):
    """The largest gunicorn worker (the master only forks them)."""
    return round(max(rss_mib(child) for child in children(server.process.pid)), 1)


def rss_tree(server):
    pids = [server.process.pid, *children(server.process.pid)]
    return round(sum(rss_mib(pid) for pid in pids), 1)


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB, Python {platform.python_version()}"


def print_report(report):
    print(f"\nMachine: {report['machine']}")
    print(f"Settings: {report['settings']}\n")
    columns = ["req/s", "p50 ms", "p99 ms", "errors", "vs ceiling", "target"]
    widths = [9, 8, 8, 7, 10, 9]
    header = f"{'':34} " + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True))
    print(header)
    print("-" * len(header))
    for r in report["rows"]:
        ratio = f"{r['ratio']:.2f}" if r.get("ratio") is not None else ""
        target = ""
        if r.get("target") is not None:
            target = f"{'OK' if r['meets_target'] else 'MISS'} {r['target']}"
        p50 = f"{r['p50_ms']:.1f}" if "p50_ms" in r else ""
        p99 = f"{r['p99_ms']:.1f}" if "p99_ms" in r else ""
        errors = str(r.get("errors", ""))
        print(
            f"{r['name']:34} {r['rps']:9.1f} {p50:>8} {p99:>8} {errors:>7} {ratio:>10} {target:>7}"
        )
    print()
    if report.get("timing"):
        columns = f"{'median ms':>10} {'baseline':>9} {'diff':>7} {'p':>8} {'AUC':>5}"
        print(f"{'sign-on POST time':34} {columns}")
        for r in report["timing"]:
            print(
                f"{r['name']:34} {r['median_ms']:10.2f} {r['baseline_median_ms']:9.2f}"
                f" {r['difference_ms']:+7.2f} {r['p']:8.2g} {r['auc']:5.2f}"
            )
        print()
    for name, value in report["memory"].items():
        print(f"{name:40} {value:>13}" if isinstance(value, str) else f"{name:40} {value:13.1f}")
    print()
    for check in report["checks"]:
        print(f"[{'PASS' if check['ok'] else 'FAIL'}] {check['name']} ({check['detail']})")


if __name__ == "__main__":
    sys.exit(main())
