"""The front door's rows of `make bench`: nginx with the front door's own configuration
(front/, as its image renders it for a plain-HTTP site) in front of the bench's gunicorn, on
loopback. Each row is a ratio to bare Django's constant JSON view (bench/bare/), measured in
the same run: the letter page, count.json and the directory through the front door, asked for
as browsers ask (brotli accepted) and, for the letter page, uncompressed too; the front door
serving the letter page's bytes as a static file (the physical limit of this machine); and
launch day: the letter page through the front door while signers sign through it at the
bench's rate. The servers share the processor as docker-compose's containers do
(bench/cpu_weights.py).

`bench/run.py --only front-door` runs only these rows (about two minutes)."""

import functools
import os
import shutil
import statistics
import threading
import time
import urllib.request
from datetime import UTC, datetime

from bench.cpu_weights import CpuWeights, compose_cpu_shares, process_tree
from tests.stack import (
    PROJECT_DIR,
    PostgresServer,
    RedisServer,
    ServerProcess,
    WebServer,
    Worker,
    free_port,
    port_open,
    wait_until,
)

FRONT = PROJECT_DIR / "front"
# What every browser sends over HTTPS; the front door then answers a page with the brotli copy
# the app made of it once, as it does for the visitors who count.
BROWSER_ENCODING = ("Accept-Encoding", "gzip, deflate, br")
TARGETS = {
    "front door: letter page": 10.0,
    "front door: count.json": 10.0,
    "front door: letter page, sign-ons": 0.8,
}
SIGNERS_LEAD_SECONDS = 1
LAUNCH_ROUNDS = 3


class FrontDoor(ServerProcess):
    """nginx, from front/'s templates as front/entrypoint.sh writes them for http:// sites,
    with its paths moved into the bench's folder."""

    def __init__(self, tmp, upstream):
        self.port = free_port()
        self.root = tmp / f"front-{self.port}"
        (self.root / "cache").mkdir(parents=True)
        settings = {
            "UPSTREAM": upstream.removeprefix("http://"),
            "RESOLVER": "127.0.0.1",  # unused: the upstream is an address
            "ADMIN_PATH": "admin/",
            "UPLOAD_MAX_BODY": "12m",
            "CONNECTIONS_PER_CLIENT": "100",
        }
        for name in ("keys.conf", "headers.conf", "proxy.conf", "site-http.conf", "nginx.conf"):
            text = (FRONT / name).read_text()
            for key, value in settings.items():
                text = text.replace(f"@@{key}@@", value)
            # The physical limit: nginx sending a file, the letter page's own bytes.
            text = text.replace(
                "    include /etc/nginx/front-door/proxy.conf;",
                f"    location = /limit {{ alias {self.root}/limit; }}\n"
                "    include /etc/nginx/front-door/proxy.conf;",
            )
            text = text.replace("/etc/nginx/front-door/", f"{self.root}/")
            text = text.replace("/etc/nginx/conf.d/*.conf", f"{self.root}/site-http.conf")
            text = text.replace("/var/cache/nginx/", f"{self.root}/cache/")
            text = text.replace("pid /run/nginx.pid;", f"pid {self.root}/nginx.pid;")
            text = text.replace("user www-data;", "user root;")  # the folder is root's
            text = text.replace("include mime.types;", "include /etc/nginx/mime.types;")
            text = text.replace("listen 80 default_server;", f"listen 127.0.0.1:{self.port};")
            (self.root / name).write_text(text)
        command = ["nginx", "-p", str(self.root), "-c", str(self.root / "nginx.conf")]
        super().__init__([*command, "-g", "daemon off;"], tmp / f"nginx-{self.port}.log")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def as_file(self, path):
        """The address of a file holding the bytes the front door answers a browser at
        `path` (its brotli copy), which nginx sends as they are."""
        request = urllib.request.Request(self.url + path, headers=dict([BROWSER_ENCODING]))
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers["Content-Encoding"] == "br", response.headers
            (self.root / "limit").write_bytes(response.read())
        return "/limit"

    def start(self):
        super().start()
        wait_until(lambda: self.process.poll() is not None or port_open(self.port), 30, "nginx")
        self.assert_running()
        return self


def available():
    return shutil.which("nginx") is not None


def measure(tmp, started, env, *, wrk, row, sign_for, workers, seconds):
    """The rows, and the checks of the launch-day row. `wrk`, `row` and `sign_for` are
    bench/run.py's; `seconds` how long wrk runs."""
    bare_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.bare.settings"}
    bare = WebServer(tmp, bare_env, workers=workers, app="bench.bare.wsgi:application").start()
    started.append(bare)
    web = WebServer(tmp, env, workers=workers).start()
    started.append(web)
    front = FrontDoor(tmp, web.url).start()
    started.append(front)
    weights = CpuWeights()
    try:
        weigh_as_compose(weights, started, front=front, web=web, bare=bare)
        rows, checks = _measure(front, bare, wrk, row, sign_for, seconds)
        return rows, [weights_check(weights), *checks]
    finally:
        weights.close()


def weigh_as_compose(weights, started, *, front, web, bare):
    """Each running server in a group of its own with its compose service's CPU weight (bare
    Django, measured alone, stands in for `web`), and this process, whose children wrk and
    the signers are, in one at half the front door's weight."""
    shares = compose_cpu_shares()
    services = {front: "front", web: "web", bare: "web"}
    kinds = {PostgresServer: "db", RedisServer: "redis", Worker: "worker"}
    for server in started:
        service = services.get(server) or kinds.get(type(server))
        if service and server.process.poll() is None:
            name = "bare" if server is bare else service
            weights.give(name, process_tree(server.process.pid), shares[service])
    # The load stands for visitors' own machines, which here share the server's processor.
    # Above the servers behind the front door, the sign-ons' work cannot starve it (a load
    # generator short of processor measures itself); below the front door, it does not take
    # the processor the front door needs to answer it.
    weights.give("load", [os.getpid()], shares["front"] // 2)


def weights_check(weights):
    if weights.unavailable:
        detail = weights.unavailable
    else:
        detail = ", ".join(f"{name} {weight}" for name, weight in weights.weights().items())
    return {
        "name": "front door rows: the servers share the processor as compose's containers do",
        "ok": not weights.unavailable,
        "detail": detail,
    }


def _measure(front, bare, wrk, row, sign_for, seconds):
    browser = [": ".join(BROWSER_ENCODING)]
    pages = {  # name: (address, headers)
        "front door: letter page": ("/letters/bench-1000/", browser),
        "front door: count.json": ("/letters/bench-1000/count.json", browser),
        "front door: directory": ("/letters/bench-50000/signatories/", browser),
        # A client that asks for no compression gets the whole 1,000 names, 118 KB.
        "front door: letter page, uncompressed": ("/letters/bench-1000/", []),
        "front door: letter page as a file": (front.as_file("/letters/bench-1000/"), browser),
    }
    reference = f"{bare.url}/ceiling.json"
    wrk(reference, seconds=2)  # warm: imports, caches, nginx's cache files
    for path, headers in pages.values():
        wrk(front.url + path, seconds=2, headers=headers)
    before = wrk(reference)
    measured = {
        name: wrk(front.url + path, headers=headers) for name, (path, headers) in pages.items()
    }
    after = wrk(reference)
    unit = {key: statistics.mean([before[key], after[key]]) for key in ("rps", "p50_ms", "p99_ms")}
    unit["errors"] = before["errors"] + after["errors"]
    bare.stop()
    rows = [row("bare Django: constant JSON view", unit, None)]
    rows.extend(row(name, result, unit) for name, result in measured.items())
    launch_day, checks = during_sign_ons(front, wrk, sign_for, seconds)
    rows.append(launch_day)
    return rows, checks


def during_sign_ons(front, wrk, sign_for, seconds):
    """The letter page through the front door while signers sign through it, as a ratio to
    the letter page alone. This shared machine drifts by a fifth within a minute, so the two
    alternate, LAUNCH_ROUNDS times each, and the ratio is of their sums."""
    from letter.models import Letter
    from signatories.models import Signature

    letter_page = f"{front.url}/letters/bench-1000/"
    browser = [": ".join(BROWSER_ENCODING)]
    round_seconds = max(3, seconds // LAUNCH_ROUNDS)
    alone, meanwhile, windows, accepted = [], [], [], []
    for batch in range(LAUNCH_ROUNDS):
        alone.append(wrk(letter_page, seconds=round_seconds, headers=browser))
        # The signers' browsers are not on the server either: in the load's share of the
        # processor they yield to wrk, whose pages are measured.
        pages, window, signing = _while_signing(
            functools.partial(wrk, letter_page, seconds=round_seconds, headers=browser),
            functools.partial(
                sign_for, front.url, "bench-launch", round_seconds + 2 * SIGNERS_LEAD_SECONDS,
                nice=19, batch=batch,
            ),
        )  # fmt: skip
        meanwhile.append(pages)
        windows.append(window)
        accepted.extend(signing["accepted_emails"])
    letter = Letter.objects.get(slug="bench-launch")
    stored = list(Signature.objects.filter(letter=letter).values_list("email", flat=True))
    once = sorted(stored) == sorted(accepted) and len(set(stored)) == len(stored)
    # The signers' rate while wrk ran, not over their longer runs.
    signed_meanwhile = sum(
        Signature.objects.filter(letter=letter, consented_at__range=window).count()
        for window in windows
    )
    sign_on_rate = signed_meanwhile / sum((end - start).total_seconds() for start, end in windows)
    ratio = sum(r["rps"] for r in meanwhile) / sum(r["rps"] for r in alone)
    name = "front door: letter page, sign-ons"
    launch_day = {
        "name": name,
        "rps": statistics.mean(r["rps"] for r in meanwhile),
        "p50_ms": statistics.median(r["p50_ms"] for r in meanwhile),
        "p99_ms": max(r["p99_ms"] for r in meanwhile),
        "errors": sum(r["errors"] for r in meanwhile),
        "ratio": ratio,
        "ratio_to": f"front door: letter page alone, in {LAUNCH_ROUNDS} alternating rounds",
        "alone_rps": [r["rps"] for r in alone],
        "meanwhile_rps": [r["rps"] for r in meanwhile],
        "target": TARGETS[name],
        "meets_target": ratio >= TARGETS[name],
        "sign_ons_per_second": sign_on_rate,
    }
    detail = (
        f"{len(stored)} stored, {len(accepted)} accepted; "
        f"{sign_on_rate:.1f} sign-ons/s while the pages were measured"
    )
    return launch_day, [
        {
            "name": "launch day: every sign-on through the front door stored once",
            "ok": once,
            "detail": detail,
        }  # fmt: skip
    ]


def _while_signing(load, sign):
    """wrk's figures from `load` run while `sign` runs, the window wrk ran in, and the
    signers' figures: wrk starts once every signer is signing, and ends before any stops."""
    pages, window = {}, []

    def measured():
        time.sleep(SIGNERS_LEAD_SECONDS)
        window.append(datetime.now(UTC))
        pages.update(load())
        window.append(datetime.now(UTC))

    loader = threading.Thread(target=measured)
    loader.start()
    signing = sign()
    loader.join()
    return pages, window, signing
