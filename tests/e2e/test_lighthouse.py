"""Lighthouse (from npm, driving Debian's Chromium) on its mobile profile scores the letter
page, the sign-on form and the directory at least 95 for performance and 100 for
accessibility, best practices and SEO, served as production serves them."""

import json
import os
import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.conftest import skip_or_fail
from tests.e2e.conftest import CHROMIUM_ARGS
from tests.stack import PROJECT_DIR

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIGHTHOUSE = PROJECT_DIR / "node_modules" / ".bin" / "lighthouse"
# The least score each category must reach, on Lighthouse's default (mobile) profile.
MINIMUM = {"performance": 0.95, "accessibility": 1, "best-practices": 1, "seo": 1}
CATEGORIES = tuple(MINIMUM)


@pytest.fixture
def lighthouse(tmp_path):
    """Runs Lighthouse on a URL and returns its report, or skips (fails under CI=true)
    without node or the npm package."""
    if not shutil.which("node"):
        skip_or_fail("node is not installed (apt-get install npm)")
    if not LIGHTHOUSE.exists():
        skip_or_fail("lighthouse is not installed (npm ci --ignore-scripts)")

    def run(url):
        report = tmp_path / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--chrome-flags={' '.join(['--headless=new', *CHROMIUM_ARGS])}",
        ]
        env = {**os.environ, "CHROME_PATH": shutil.which("chromium")}
        # Lighthouse asks to be run again when it failed to record the page load (a trace
        # lost on a busy machine, "NO_NAVSTART"); a score is never retried.
        for _attempt in range(2):
            finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
            if "Please run Lighthouse again" not in finished.stderr:
                break
        assert finished.returncode == 0, finished.stderr[-2000:]
        return json.loads(report.read_text())

    return run


def _shortfalls(report):
    """{category: (score, [ids of the audits that lost it points])} for each category below
    its minimum."""
    shortfalls = {}
    for name in CATEGORIES:
        category = report["categories"][name]
        if category["score"] >= MINIMUM[name]:
            continue
        failing = [
            ref["id"]
            for ref in category["auditRefs"]
            if ref["weight"] and report["audits"][ref["id"]]["score"] not in (None, 1)
        ]
        shortfalls[name] = (round(category["score"] * 100), failing)
    return shortfalls


@pytest.mark.parametrize(
    "view", ["signatories:letter", "signatories:sign", "signatories:directory"]
)
def test_public_page_scores_95_for_performance_and_100_for_the_rest_on_mobile(
    site, public_letter, lighthouse, view
):
    report = lighthouse(site.url + reverse(view, args=[public_letter.slug]))

    assert report.get("runtimeError") is None, report["runtimeError"]
    shortfalls = _shortfalls(report)
    assert not shortfalls, "Lighthouse scores below 100 (score, failing audits): " + ", ".join(
        f"{category} {score} {audits}" for category, (score, audits) in shortfalls.items()
    )
