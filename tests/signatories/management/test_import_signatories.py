"""manage.py import_signatories: the preview, then the import once confirmed."""

import pytest
from django.core.management import CommandError, call_command

from signatories.models import Signature, SignatureEvent
from tests.signatories.imports import files


def write(tmp_path, data, name="list.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_import_signatories_command_previews_then_imports(tmp_path, letter, capsys):
    french = files.excel_csv(header=files.HEADER_FR, separator=";", encoding="cp1252")
    path = write(tmp_path, french)
    call_command("import_signatories", letter.slug, path, "--dry-run")
    assert "3 to import, 0 refused" in capsys.readouterr().out
    assert not Signature.objects.exists()
    call_command("import_signatories", letter.slug, path, "--yes")
    assert Signature.objects.filter(letter=letter, status="approved").count() == 3
    event = SignatureEvent.objects.filter(action="imported").first()
    assert event.details["by"].startswith("manage.py (")
    call_command("import_signatories", letter.slug, path, "--yes")
    assert "0 to import, 0 refused, 3 already on the letter" in capsys.readouterr().out
    assert Signature.objects.count() == 3


def test_import_signatories_asks_before_storing(tmp_path, letter, monkeypatch, capsys):
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    call_command("import_signatories", letter.slug, write(tmp_path, files.libreoffice_csv()))
    assert "Nothing imported." in capsys.readouterr().out
    assert not Signature.objects.exists()


def test_import_signatories_column_option_corrects_the_mapping(tmp_path, letter):
    data = files.libreoffice_csv(["Organization", "Where", "Scope"], [["A", "المغرب", "local"]])
    path = write(tmp_path, data)
    with pytest.raises(CommandError, match="No column gives: country"):
        call_command("import_signatories", letter.slug, path, "--yes")
    call_command("import_signatories", letter.slug, path, "--yes", "--column", "2=country")
    assert Signature.objects.get().country == "MA"


def test_import_signatories_refuses_garbage_with_a_message(tmp_path, letter):
    with pytest.raises(CommandError, match="not a spreadsheet"):
        call_command("import_signatories", letter.slug, write(tmp_path, bytes(range(256)) * 100))
