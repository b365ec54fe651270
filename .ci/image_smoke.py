"""Run the built image as production does and check what a visitor and an operator would see:
the migrate job succeeds, gunicorn answers /healthz and the letter page, it does not run as
root, and a Celery worker delivers the confirmation email of a sign-on made through the form.

Called by .ci/image with the image's name; the containers share the machine's network so that
they reach its PostgreSQL and Redis on loopback, and the SMTP sink this script starts there.
Exits non-zero, with the containers' logs, when a check fails.
"""

import os
import secrets
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psycopg2
import redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.stack import Inbox, Signer, free_port, wait_until  # noqa: E402

DATABASE_URL = os.environ.get(
    "IMAGE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/signon_image"
)
REDIS_URL = os.environ.get("IMAGE_REDIS_URL", "redis://127.0.0.1:6379/15")
LETTER_SLUG = "joint-ngo-letter-2018"  # created by letter's seed migration


def main(image):
    fresh_database(DATABASE_URL)
    redis.Redis.from_url(REDIS_URL).flushdb()  # rate-limit counters and the broker's queue
    inbox = Inbox()
    inbox.start()
    base = f"http://127.0.0.1:{free_port()}"
    env = container_env(base, inbox.url)
    web, worker = (f"signon-ci-{role}-{os.getpid()}" for role in ("web", "worker"))
    try:
        step("migrate")
        docker_run(image, env, ["--rm"], ["python", "manage.py", "migrate"], detach=False)
        step("web (gunicorn) and worker (celery)")
        docker_run(image, env, ["--name", web])
        worker_command = ["celery", "-A", "config", "worker", "-l", "INFO", "-c", "1"]
        docker_run(image, env, ["--name", worker], worker_command)
        check_web(web, base)
        check_confirmation_email(base, inbox)
        for name in (web, worker):
            assert container_running(name), f"{name} stopped"
    except (AssertionError, subprocess.CalledProcessError) as error:
        for name in (web, worker):
            print(f"--- logs of {name}", flush=True)
            subprocess.run(["docker", "logs", "--tail", "80", name], check=False)
        print(f"FAILED: {error}", flush=True)
        return 1
    finally:
        subprocess.run(["docker", "rm", "-f", web, worker], capture_output=True, check=False)
        inbox.stop()
    print("The image migrates, serves and delivers as a non-root user.")
    return 0


def container_env(base, email_url):
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": base,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "PAGE_CACHE_SHARE_BROKER": "true",  # one Redis for the smoke test
        "EMAIL_URL": email_url,
        "GUNICORN_BIND": base.removeprefix("http://"),
        "WEB_CONCURRENCY": "2",
        # Plain HTTP on loopback, and a script fills the form faster than a person would.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SIGNING_MIN_FILL_SECONDS": "0",
    }


def docker_run(image, env, options, command=(), detach=True):
    """The containers share the machine's network. The environment's values travel in docker's
    own environment, not on its command line, which anyone on the machine can read."""
    names = [flag for name in env for flag in ("--env", name)]
    args = ["docker", "run", *(["-d"] if detach else []), "--network", "host", *names, *options]
    output = subprocess.DEVNULL if detach else None  # the container's id
    subprocess.run([*args, image, *command], env={**os.environ, **env}, stdout=output, check=True)


def check_web(name, base):
    step("/healthz answers 200")
    signer = Signer(base)
    wait_until(lambda: healthy(signer), 90, "/healthz to answer 200")
    step("the letter page answers 200")
    status, page = signer.get(f"/letters/{LETTER_SLUG}/")
    assert status == 200, f"letter page: {status}"
    step("gunicorn runs as a non-root user")
    uid = docker("exec", name, "sh", "-c", "awk '/^Uid:/ {print $2}' /proc/1/status").strip()
    assert uid and uid != "0", f"the web process runs as uid {uid!r}"
    print(f"uid {uid}")


def check_confirmation_email(base, inbox):
    step("a sign-on through the form brings a confirmation email from the worker")
    status, page = Signer(base).sign(
        LETTER_SLUG, organization="Image CI", email="image-ci@signon-example.org"
    )
    assert status == 200 and "Check your inbox" in page, f"sign-on: {status}"
    (message,) = inbox.wait_for(1, timeout=120)
    assert message["To"] == "image-ci@signon-example.org", "the email went to someone else"
    status, page = Signer(base).get(inbox.confirm_path(message))
    assert status == 200 and "Image CI" in page, f"the confirmation link: {status}"


def healthy(signer):
    try:
        return signer.get("/healthz")[0] == 200
    except OSError:  # not listening yet
        return False


def fresh_database(url):
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def container_running(name):
    return docker("inspect", "-f", "{{.State.Running}}", name).strip() == "true"


def docker(*args):
    return subprocess.run(["docker", *args], check=True, stdout=subprocess.PIPE, text=True).stdout


def step(what):
    print(f"-- {what} ({time.monotonic() - STARTED:.0f}s)", flush=True)


STARTED = time.monotonic()

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
