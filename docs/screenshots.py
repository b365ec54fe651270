"""`make screenshots`: the pictures the guides embed (docs/images/), taken on demo data so that
they can be taken again after any change to the pages.

A scratch SQLite database in a temporary folder gets the migrations (hence the seed letter),
demo signatures and an administrator; `manage.py runserver` serves it on a spare loopback port
and Debian's Chromium, driven by Playwright, photographs each page on a laptop and on a phone.
The PNGs are reduced to 256 colours so that the repository stays small."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
PYTHON = sys.executable
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SLUG = "joint-ngo-letter-2018"
ADMIN, PASSWORD = "admin", "screenshots-only-passphrase-4"
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 1,
}
# name: (path, who sees it). Each is taken on a laptop and on a phone.
PAGES = {
    "letter": (f"/letters/{SLUG}/", "public"),
    "form": (f"/letters/{SLUG}/sign/", "public"),
    "queue": ("/admin/signatories/signature/", "admin"),
    "review": ("/admin/signatories/signature/review/next/", "admin"),
    "report": ("/admin/signatories/signature/report/", "admin"),
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(env):
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "demo_signatures", SLUG, "--count", "150", "--seed", "7")
    manage(env, "createsuperuser", "--noinput", "--username", ADMIN, "--email", "a@example.org")


def serve(env, port):
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("The server did not start.")


def log_in(context, base):
    page = context.new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", ADMIN)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()
    page.close()


def shoot(browser, base):
    written = []
    for device, options in (("laptop", LAPTOP), ("phone", PHONE)):
        context = browser.new_context(**options, locale="en")
        log_in(context, base)
        page = context.new_page()
        for name, (path, _who) in PAGES.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            target = IMAGES / f"{name}-{device}.png"
            page.screenshot(path=str(target))
            written.append(target)
        context.close()
    return written


def shrink(path):
    """256 colours: a page's flat colours survive and the file is a fraction of the size."""
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main():
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "REDIS_URL", "PAGE_CACHE_URL")
        }
        env.update(
            DEBUG="true",
            DATABASE_URL=f"sqlite:///{scratch}/screenshots.sqlite3",
            EMAIL_URL="dummymail://",
            LOG_LEVEL="WARNING",
            DJANGO_SUPERUSER_PASSWORD=PASSWORD,
            SIGNING_MIN_FILL_SECONDS="0",
        )
        prepare(env)
        port = free_port()
        server = serve(env, port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                written = shoot(browser, f"http://127.0.0.1:{port}")
                browser.close()
        finally:
            server.terminate()
            server.wait()
    for path in written:
        shrink(path)
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
