"""The commands the README and the guides tell a newcomer to type, run as typed in a fresh clone.

A command to type is a line of a ```sh block (```shell blocks are for a server, with
placeholders to fill in, and are not run). Each document starts from an empty database, as
if its reader had just run `make run`; the README comes first, on a clone with no virtualenv,
so its `make run` is the first run a newcomer makes. A command that starts a server is
started, asked for the letter page and stopped; one that asks for a password is given one at
its prompt."""

import os
import pty
import re
import select
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [
    "README.md",
    "docs/index.md",
    "docs/coordinators.md",
    "docs/moderators.md",
    "docs/operators.md",
    "docs/privacy.md",
    "docs/developers.md",
]
# Commands the guides show that this test does not run, and why.
NOT_RUN_HERE = {
    "make test": "the suite this test is part of",
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/signon REDIS_URL=redis://127.0.0.1:6379/0 "
    "make test": "the suite this test is part of, on the services CI starts",
    "make bench": "the benchmark: about 9 minutes on a stack of its own",
}
SERVERS = ("make run",)
PASSWORD = b"a long passphrase 4 the guides"
PROMPT = re.compile(rb"Password(?: \(again\))?: ")
# Variables of this test run that a newcomer's shell would not have.
NOT_INHERITED = re.compile(
    r"DATABASE_URL|REDIS_URL|PAGE_CACHE_URL|SECRET_KEY|DEBUG|DJANGO_.*|SECURE_.*|SIGNING_.*"
    r"|VIRTUAL_ENV|PYTHONPATH|PYTEST_.*|PORT|HOST|MAKEFLAGS|MFLAGS|MAKELEVEL"
)

pytestmark = pytest.mark.docs


def typed_commands(text):
    """The lines of the ```sh blocks, continuation lines joined, comments left out."""
    commands = []
    for indent, block in re.findall(r"^( *)```sh\n(.*?)^\1```", text, flags=re.M | re.S):
        block = "\n".join(line.removeprefix(indent) for line in block.splitlines())
        for line in block.replace("\\\n", " ").splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command and not command.startswith("#"):
                commands.append(command)
    return commands


def test_typed_commands_are_read_from_sh_blocks_only():
    text = "```sh\nmake run    # serves\n# a comment\n```\n```shell\ndocker compose up\n```\n"
    text += "- item:\n\n  ```sh\n  make test\n  ```\n"
    assert typed_commands(text) == ["make run", "make test"]


def _environment(port):
    env = {key: value for key, value in os.environ.items() if not NOT_INHERITED.fullmatch(key)}
    env["PORT"] = str(port)
    return env


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(command, *, cwd, env, log):
    """Start the server, wait for the letter page (the first run installs first), stop it."""
    with open(log, "wb") as output:
        server = subprocess.Popen(
            ["bash", "-c", command],
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=output,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{env['PORT']}/", timeout=5) as page:
                    return page.status, page.read().decode()
            except OSError:
                time.sleep(1)
        raise AssertionError(f"{command!r} served no page:\n{Path(log).read_text()[-3000:]}")
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _run(command, *, cwd, env, timeout=300):
    """Run as typed at a terminal, answering password prompts. Returns (status, output)."""
    master, terminal = pty.openpty()
    process = subprocess.Popen(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=True,
    )
    os.close(terminal)
    output, answered, deadline = b"", 0, time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if select.select([master], [], [], 0.5)[0]:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the command and everything it started have closed the terminal
                    chunk = b""
                if not chunk:
                    break
                output += chunk
                if len(PROMPT.findall(output)) > answered:
                    os.write(master, PASSWORD + b"\n")
                    answered += 1
        else:
            os.killpg(process.pid, signal.SIGKILL)
            raise AssertionError(f"{command!r} took over {timeout} s:\n{output.decode()[-3000:]}")
        return process.wait(timeout=30), output.decode(errors="replace")
    finally:
        os.close(master)


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    target = tmp_path_factory.mktemp("newcomer") / "signon"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    return target


def test_every_command_the_guides_show_is_run_or_accounted_for():
    shown = {command for path in DOCUMENTS for command in typed_commands((ROOT / path).read_text())}
    assert set(NOT_RUN_HERE) <= shown, "NOT_RUN_HERE lists a command no guide shows any more"
    assert shown - set(NOT_RUN_HERE), "no command to run"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_commands_the_guides_tell_a_newcomer_to_type_work(document, clone):
    commands = [c for c in typed_commands((ROOT / document).read_text()) if c not in NOT_RUN_HERE]
    env = _environment(_free_port())
    if (clone / ".venv").exists():
        # A reader who opens this guide has run `make run`: its database, and nothing else.
        (clone / "db.sqlite3").unlink(missing_ok=True)
        status, output = _run(
            "DEBUG=true .venv/bin/python manage.py migrate -v0", cwd=clone, env=env
        )
        assert status == 0, output
    for command in dict.fromkeys(commands):
        if command in SERVERS:
            status, page = _serve(command, cwd=clone, env=env, log=clone / "server.log")
            assert status == 200 and "<h1" in page, command
        else:
            status, output = _run(command, cwd=clone, env=env)
            assert status == 0, f"{document}: {command!r} failed:\n{output[-3000:]}"
