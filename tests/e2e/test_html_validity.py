"""The Nu HTML Checker (vnu.jar from npm, run with the machine's Java) finds no error in the
public pages, in English and in Arabic."""

import json
import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.conftest import skip_or_fail
from tests.stack import PROJECT_DIR

VNU_JAR = PROJECT_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def vnu():
    """The command that checks HTML files, or a skip (a failure under CI=true) without it."""
    java = shutil.which("java")
    if not java:
        skip_or_fail("Java is not installed (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        skip_or_fail("vnu.jar is not installed (npm ci --ignore-scripts)")
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def _public_pages(client, letter, new_confirm_path, new_correct_path):
    """(name, response) for each public page, as the test client gets it."""
    slug = letter.slug
    sign = reverse("signatories:sign", args=[slug])
    confirm = new_confirm_path()
    correct = new_correct_path()
    yield "letter", client.get(reverse("signatories:letter", args=[slug]))
    yield "sign", client.get(sign)
    # What a browser posts when every field is left empty.
    yield "sign-with-errors", client.post(sign, {"organization": "", "listing": "named"})
    yield "check-your-inbox", client.get(reverse("signatories:check_inbox", args=[slug]))
    yield "confirm", client.get(confirm)
    yield "confirmed", client.post(confirm)
    yield "correct", client.get(correct)
    yield "correct-with-errors", client.post(correct, {"organization": "", "listing": "named"})
    yield "directory", client.get(reverse("signatories:directory", args=[slug]))
    yield "embed", client.get(reverse("signatories:embed", args=[slug]))
    yield "print", client.get(reverse("signatories:print", args=[slug]))
    yield "new-link", client.get(reverse("signatories:new_link"))
    yield "invalid-link", client.get(reverse("signatories:confirm", args=["not-a-token"]))
    yield "privacy", client.get(reverse("letter:privacy"))


def _errors_by_file(vnu, paths):
    run = subprocess.run([*vnu, *map(str, paths)], capture_output=True, text=True, timeout=120)
    # vnu writes its JSON report on one line of stderr, after anything Java itself says.
    lines = run.stderr.strip().splitlines()
    assert lines, f"vnu printed nothing and exited with {run.returncode}"
    errors = {}
    for message in json.loads(lines[-1])["messages"]:
        location = message.get("url", "").removeprefix("file:")
        extract = message.get("extract", "").strip()
        errors.setdefault(location, []).append(
            f"line {message.get('lastLine')}: {message['message']}\n      {extract}"
        )
    return errors


def test_public_pages_are_valid_html(
    vnu, client, public_letter, new_confirm_path, new_correct_path, tmp_path
):
    pages = {}
    for language in ("en", "ar"):
        client.cookies["django_language"] = language
        tour = _public_pages(client, public_letter, new_confirm_path, new_correct_path)
        for name, response in tour:
            assert response.status_code in (200, 400), (name, response.status_code)
            assert f'lang="{language}"' in response.content.decode(), name
            assert ("is-invalid" in response.content.decode()) == ("errors" in name), name
            path = tmp_path / f"{language}-{name}.html"
            path.write_bytes(response.content)
            pages[str(path)] = f"{language} {name}"
    # A broken page among them proves that the checker read the files.
    canary = tmp_path / "canary.html"
    canary.write_text("<!DOCTYPE html><title>canary</title><p id=x><p id=x>")

    errors = _errors_by_file(vnu, [*pages, canary])

    assert "Duplicate ID" in "".join(errors.pop(str(canary), [])), errors
    report = [f"{pages.get(path, path)}: {e}" for path, found in errors.items() for e in found]
    assert not report, "\n".join(report)
