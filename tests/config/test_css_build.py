"""Issue 23, item 4: the committed public stylesheets are what `make css` builds from the
templates and static/css/site.css, so a class added to a template without rebuilding fails
here rather than showing unstyled."""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["public.css", "public.rtl.css"])
def test_committed_css_is_what_make_css_builds(tmp_path, name):
    if not shutil.which("node") or not (ROOT / "node_modules" / "purgecss").is_dir():
        skip_or_fail("Node or the npm packages (make install) are missing")
    subprocess.run(["node", str(ROOT / "tools" / "build-css.mjs"), str(tmp_path)], check=True)
    built = (tmp_path / name).read_text()
    committed = (ROOT / "static" / "css" / name).read_text()
    assert committed == built, f"static/css/{name} is stale: run `make css` and commit it"


def test_only_the_css_the_pages_use_is_shipped():
    css = (ROOT / "static" / "css" / "public.css").read_text()
    assert len(css.encode()) < 80_000  # Bootstrap's whole stylesheet is 232 KB
    assert ".carousel" not in css and ".offcanvas" not in css
    assert ".btn-accent" in css and ".form-control" in css
