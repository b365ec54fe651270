"""The front door's rows of `make bench`: nginx with the front door's own configuration
(front/, as its image renders it for a plain-HTTP site) in front of the bench's gunicorn, on
loopback. Each row is a ratio to bare Django's constant JSON view (bench/bare/), measured in
the same run: the letter page, count.json and the directory through the front door, asked for
as browsers ask (brotli accepted) and, for the letter page, uncompressed too; the front door
serving the letter page's bytes as a static file (the physical limit of this machine); and
launch day: the letter page through the front door while signers sign through it at the
bench's rate.

`bench/run.py --only front-door` runs only these rows (about two minutes)."""

import re
import shutil
import statistics
import threading
import time
import urllib.request

from tests.stack import PROJECT_DIR, ServerProcess, WebServer, free_port, port_open, wait_until

FRONT = PROJECT_DIR / "front"
# What every browser sends over HTTPS; the front door then answers a page with the brotli copy
# the app made of it once, as it does for the visitors who count.
BROWSER_ENCODING = ("Accept-Encoding", "gzip, deflate, br")
TARGETS = {
    "front door: letter page": 10.0,
    "front door: count.json": 10.0,
    "front door: letter page, sign-ons": 0.8,
}


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


def compose_worker_nice():
    """The priority docker-compose.yml gives the web workers behind its front door."""
    compose = (PROJECT_DIR / "docker-compose.yml").read_text()
    return re.search(r'WEB_WORKER_NICE: "\$\{WEB_WORKER_NICE:-(\d+)\}"', compose)[1]


def measure(tmp, started, env, *, wrk, row, sign_for, workers, seconds):
    """The rows, and the check of the launch-day row. `wrk`, `row` and `sign_for` are
    bench/run.py's; `seconds` how long wrk runs."""
    bare_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.bare.settings"}
    bare = WebServer(tmp, bare_env, workers=workers, app="bench.bare.wsgi:application").start()
    started.append(bare)
    # gunicorn as docker-compose runs it behind the front door.
    web_env = {**env, "WEB_WORKER_NICE": compose_worker_nice()}
    web = WebServer(tmp, web_env, workers=workers).start()
    started.append(web)
    front = FrontDoor(tmp, web.url).start()
    started.append(front)
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
    alone = measured["front door: letter page"]
    launch_day, checks = during_sign_ons(front, wrk, sign_for, alone, seconds)
    rows.append(launch_day)
    return rows, checks


def during_sign_ons(front, wrk, sign_for, alone, seconds):
    """The letter page through the front door while signers sign through it, as a ratio to
    the letter page alone."""
    from letter.models import Letter
    from signatories.models import Signature

    letter_page = f"{front.url}/letters/bench-1000/"
    browser = [": ".join(BROWSER_ENCODING)]
    pages = {}
    loader = threading.Thread(target=lambda: pages.update(wrk(letter_page, headers=browser)))
    loader.start()
    time.sleep(0.5)
    # The signers' browsers are not on the server: their processes here yield to it.
    signing = sign_for(front.url, "bench-launch", max(5, seconds - 1), nice=19)
    loader.join()
    # This shared machine drifts within a minute: the page alone is measured again after, and
    # the ratio is to the mean of the two.
    alone_rps = statistics.mean([alone["rps"], wrk(letter_page, headers=browser)["rps"]])
    letter = Letter.objects.get(slug="bench-launch")
    stored = list(Signature.objects.filter(letter=letter).values_list("email", flat=True))
    accepted = signing["accepted_emails"]
    once = sorted(stored) == sorted(accepted) and len(set(stored)) == len(stored)
    name = "front door: letter page, sign-ons"
    launch_day = {
        **pages,
        "name": name,
        "ratio": pages["rps"] / alone_rps,
        "ratio_to": "front door: letter page alone (mean of before and after)",
        "target": TARGETS[name],
        "meets_target": pages["rps"] / alone_rps >= TARGETS[name],
        "sign_ons_per_second": signing["rps"],
    }
    detail = f"{len(stored)} stored, {len(accepted)} accepted, {signing['rps']:.1f} sign-ons/s"
    return launch_day, [
        {
            "name": "launch day: every sign-on through the front door stored once",
            "ok": once,
            "detail": detail,
        }  # fmt: skip
    ]
