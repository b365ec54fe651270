"""Nothing but signatories.mail talks to a mail server: every other module of the two apps
owes an email through the outbox instead. import-linter sees only the project's own modules,
so this reads the imports of each module itself."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
MAIL_PACKAGE = ROOT / "signatories" / "mail"
SENDING_MODULES = ("django.core.mail", "smtplib")


def product_modules():
    for app in ("letter", "signatories"):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts and MAIL_PACKAGE not in path.parents:
                yield path


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def sends_mail(module):
    return any(module == name or module.startswith(f"{name}.") for name in SENDING_MODULES)


def test_only_mail_sends_the_modules_read_are_the_apps():
    paths = {path.relative_to(ROOT).as_posix() for path in product_modules()}
    assert "signatories/signing/services.py" in paths
    assert "signatories/mail/outbox.py" not in paths


def test_only_mail_sends_the_check_sees_an_import_of_django_mail(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from django.core.mail import send_mail\n")
    assert any(sends_mail(name) for name in imported_modules(module))


@pytest.mark.parametrize(
    "path", list(product_modules()), ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_only_mail_sends_no_other_module_imports_a_mail_client(path):
    assert not [name for name in imported_modules(path) if sends_mail(name)]
