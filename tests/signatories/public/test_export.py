import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from signatories.models import Signature
from signatories.public.export import (
    EXPORT_FIELDS,
    export_response,
    export_rows,
    write_csv,
    write_json,
)
from tests.factories import LetterFactory, SignatureFactory

pytestmark = pytest.mark.django_db

APPROVED_AT = datetime.datetime(2024, 5, 2, 9, 30, tzinfo=datetime.UTC)


def approved(letter, organization, country="KE", **fields):
    fields.setdefault("decided_at", APPROVED_AT)
    return SignatureFactory(
        letter=letter, organization=organization, country=country, approved=True, **fields
    )


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def csv_text(rows):
    stream = io.StringIO()
    write_csv(rows, stream)
    return stream.getvalue()


def test_only_approved_signatures_are_exported(letter):
    approved(letter, "Listed Group")
    SignatureFactory(letter=letter, organization="Unconfirmed Group")
    SignatureFactory(letter=letter, organization="Queued Group", confirmed=True)
    for status in (Signature.Status.REJECTED, Signature.Status.WITHDRAWN):
        SignatureFactory(letter=letter, organization=f"{status} Group", status=status)

    rows = list(export_rows(Signature.objects.all()))

    assert [row["organization"] for row in rows] == ["Listed Group"]


def test_a_row_carries_the_delivery_fields(letter):
    approved(
        letter,
        "Kenya Human Rights Network",
        scope=Signature.Scope.REGIONAL,
        website="https://khrn.example.org",
    )
    approved(letter, "No Site Group", website="", decided_at=None)

    rows = list(export_rows(letter.signatures.all()))

    assert rows == [
        {
            "organization": "Kenya Human Rights Network",
            "country_code": "KE",
            "country_name": "Kenya",
            "scope": "regional",
            "website": "https://khrn.example.org",
            "approved_at": "2024-05-02T09:30:00+00:00",
            "text_version": 1,
            "source": "",
        },
        {
            "organization": "No Site Group",
            "country_code": "KE",
            "country_name": "Kenya",
            "scope": "national",
            "website": "",
            "approved_at": "",
            "text_version": 1,
            "source": "",
        },
    ]


def test_approval_time_is_in_utc_whatever_the_site_time_zone(letter, settings):
    settings.TIME_ZONE = "America/Bogota"
    approved(letter, "Colectivo de Abogados", country="CO")

    (row,) = export_rows(letter.signatures.all())

    assert row["approved_at"] == "2024-05-02T09:30:00+00:00"


def test_rows_are_ordered_by_country_then_organization_ignoring_case(letter):
    approved(letter, "zeta Kollektiv", country="DE")
    approved(letter, "Mu Instituto", country="BR")
    approved(letter, "Alpha Verein", country="DE")
    approved(letter, "beta Verein", country="DE")

    rows = list(export_rows(letter.signatures.all()))

    assert [(row["country_code"], row["organization"]) for row in rows] == [
        ("BR", "Mu Instituto"),
        ("DE", "Alpha Verein"),
        ("DE", "beta Verein"),
        ("DE", "zeta Kollektiv"),
    ]


def test_csv_starts_with_a_bom_and_parses_back_into_the_rows(letter):
    approved(letter, "Asociación Pro Derechos", country="ES", website="https://apdh.example.es")
    approved(letter, "Ассоциация", country="RU", website="")

    text = csv_text(export_rows(letter.signatures.all()))

    assert text.startswith("\ufeff")
    decoded = text.encode("utf-8").decode("utf-8-sig")
    assert csv_rows(decoded) == [
        EXPORT_FIELDS,
        [
            "Asociación Pro Derechos",
            "ES",
            "Spain",
            "national",
            "https://apdh.example.es",
            "2024-05-02T09:30:00+00:00",
            "1",
            "",
        ],
        ["Ассоциация", "RU", "Russia", "national", "", "2024-05-02T09:30:00+00:00", "1", ""],
    ]


@pytest.mark.parametrize(
    "organization",
    ['=HYPERLINK("https://evil.example","Click")', "+1 Coalition", "-2+3", "@SUM(A1)", "\tTabbed"],
)
def test_csv_neutralises_cells_a_spreadsheet_would_run_as_a_formula(letter, organization):
    approved(letter, organization)

    header, row = csv_rows(csv_text(export_rows(letter.signatures.all())).lstrip("\ufeff"))

    assert row[0] == "'" + organization


def test_csv_leaves_an_ordinary_name_untouched(letter):
    approved(letter, "Friends of the Earth - Kenya")

    header, row = csv_rows(csv_text(export_rows(letter.signatures.all())).lstrip("\ufeff"))

    assert row[0] == "Friends of the Earth - Kenya"


def test_json_has_the_count_and_the_rows_unaltered(letter):
    approved(letter, "Ассоциация", country="RU")
    approved(letter, "=Equals Group")
    stream = io.StringIO()

    write_json(export_rows(letter.signatures.all()), stream)

    assert "Ассоциация" in stream.getvalue()
    document = json.loads(stream.getvalue())
    assert document["named"] == 2
    assert [row["organization"] for row in document["signatories"]] == [
        "=Equals Group",
        "Ассоциация",
    ]
    assert set(document["signatories"][0]) == set(EXPORT_FIELDS)


def test_command_writes_csv_to_stdout(letter):
    approved(letter, "Asociación Pro Derechos", country="ES")
    SignatureFactory(letter=letter, organization="Not Yet Approved")
    approved(LetterFactory(), "Signed Another Letter")
    stdout = io.StringIO()

    call_command("export_signatories", letter.slug, stdout=stdout)

    text = stdout.getvalue()
    assert text.startswith("\ufeff")
    assert text.endswith('"1",""\r\n')  # one line ending, none added by the command
    rows = csv_rows(text.lstrip("\ufeff"))
    assert rows[0] == EXPORT_FIELDS
    assert [row[0] for row in rows[1:]] == ["Asociación Pro Derechos"]


def test_command_writes_json_to_stdout(letter):
    approved(letter, "Ассоциация", country="RU")
    stdout = io.StringIO()

    call_command("export_signatories", letter.slug, "--format", "json", stdout=stdout)

    document = json.loads(stdout.getvalue())
    assert document["named"] == 1
    assert document["signatories"][0]["organization"] == "Ассоциация"


def test_command_writes_csv_to_a_file(letter, tmp_path):
    approved(letter, "Asociación Pro Derechos", country="ES")
    path = tmp_path / "signatories.csv"

    call_command("export_signatories", letter.slug, "--output", str(path), stdout=io.StringIO())

    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(data.decode("utf-8-sig"))
    assert rows[1][:3] == ["Asociación Pro Derechos", "ES", "Spain"]


def test_command_writes_json_to_a_file(letter, tmp_path):
    approved(letter, "Ассоциация", country="RU")
    path = tmp_path / "signatories.json"

    call_command("export_signatories", letter.slug, "--format", "json", "--output", str(path))

    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["named"] == 1
    assert document["signatories"][0]["country_name"] == "Russia"


def test_command_refuses_an_unknown_slug(db):
    with pytest.raises(CommandError, match="no-such-letter"):
        call_command("export_signatories", "no-such-letter", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("csv", "text/csv; charset=utf-8"), ("json", "application/json")],
)
def test_export_response_is_a_download(letter, fmt, content_type):
    approved(letter, "Asociación Pro Derechos", country="ES")

    response = export_response(letter.signatures.all(), fmt, "letter-signatories")

    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (f'attachment; filename="letter-signatories.{fmt}"')
    assert "Asociación Pro Derechos" in response.content.decode("utf-8")


def test_export_response_refuses_an_unknown_format(letter):
    with pytest.raises(ValueError, match="xlsx"):
        export_response(letter.signatures.all(), "xlsx", "letter-signatories")


CSV_INJECTION = "Semi NGO;=cmd|' /C calc'!A0"


def spreadsheet_cells(text):
    """Every cell a spreadsheet could make of `text`, whatever separator it splits on and
    whether or not it honours the quotes."""
    for separator in ",;\t|":
        for line in text.lstrip("\ufeff").splitlines():
            for cell in line.split(separator):
                yield cell.strip(' "')


def assert_no_cell_starts_a_formula(text):
    formulas = [cell for cell in spreadsheet_cells(text) if cell[:1] in ("=", "+", "-", "@")]
    assert formulas == []


def test_csv_injection_after_a_separator_is_quoted_and_neutralised(letter):
    approved(letter, CSV_INJECTION, website="https://ngo.example.org/a,-b")
    approved(letter, "Line One\n@SUM(A1)|+1", country="UG")

    text = csv_text(export_rows(letter.signatures.all()))

    assert_no_cell_starts_a_formula(text)
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == ",".join(f'"{field}"' for field in EXPORT_FIELDS)
    assert lines[1].startswith(""""Semi NGO;'=cmd|' /C calc'!A0","KE","Kenya",""")
    header, first, second = csv_rows(text.lstrip("\ufeff"))
    assert first[0] == "Semi NGO;'=cmd|' /C calc'!A0"
    assert first[4] == "https://ngo.example.org/a,'-b"
    assert second[0] == "Line One\n'@SUM(A1)|'+1"


def test_csv_injection_is_neutralised_in_the_open_data_and_the_admin_export(
    client, admin_client, letter
):
    signature = approved(letter, CSV_INJECTION)

    public = client.get(reverse("signatories:data_csv", args=[letter.slug]))
    admin = admin_client.post(
        reverse("admin:signatories_signature_changelist") + "?status=all",
        {"action": "export_csv", "_selected_action": [signature.pk]},
    )

    for response in (public, admin):
        assert response["Content-Type"].startswith("text/csv")
        text = response.content.decode("utf-8")
        assert """"Semi NGO;'=cmd|' /C calc'!A0\"""" in text
        assert_no_cell_starts_a_formula(text)
