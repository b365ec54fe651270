"""The preview: each row's values as stored, refused rows with reasons in words, possible
duplicates of other rows and of existing signatures, and nothing stored."""

from django.utils import translation

from signatories.imports.preview import NEW, REFUSED, SKIPPED, import_preview
from signatories.models import Signature, SignatureImport
from tests.factories import SignatureFactory
from tests.signatories.imports import files

HEADER = ["Organization", "Country", "Scope", "Website", "Listed", "Contact", "Email"]


def test_preview_shows_the_values_each_row_will_store(read):
    preview = import_preview(read(files.libreoffice_csv()))
    assert [row.status for row in preview.rows] == [NEW, NEW, NEW]
    first = preview.rows[0]
    assert first.number == 2
    assert first.values == {
        "organization": "Centre for Rights",
        "country": "KE",
        "scope": "national",
        "website": "https://rights.org",
        "listing": "named",
        "contact_name": "Achieng",
        "email": "a@rights.org",
        "language": "en",
    }


def test_refused_rows_give_their_reason_in_words_as_the_sign_on_form(read):
    rows = [
        ["", "FR", "local", "", "", "", ""],
        ["Ok", "Atlantis", "local", "", "", "", ""],
        ["Ok", "FR", "galactic", "", "", "", ""],
        ["Ok", "FR", "local", "http://10.0.0.1/", "", "", ""],
        ["Ok", "FR", "local", "", "", "", "someone@localhost"],
        ["Zero\u200bwidth", "FR", "local", "", "", "", ""],
    ]
    preview = import_preview(read(files.libreoffice_csv(HEADER, rows)))
    assert all(row.status == REFUSED for row in preview.rows)
    reasons = [" ".join(row.reasons) for row in preview.rows]
    assert "Enter the organization’s name." in reasons[0]
    assert "“Atlantis” is not a country" in reasons[1]
    assert "“galactic” is not one of" in reasons[2]
    assert "not an IP address" in reasons[3]
    assert "at a domain name" in reasons[4]
    assert "invisible characters" in reasons[5]


def test_an_invitation_needs_a_contact_as_the_sign_on_form_does(read):
    rows = [["Ok", "FR", "local", "", "", "", ""]]
    data = files.libreoffice_csv(HEADER, rows)
    assert import_preview(read(data)).rows[0].status == NEW
    invite = import_preview(read(data, mode=SignatureImport.Mode.INVITE))
    assert invite.rows[0].status == REFUSED
    assert "Enter your email address." in " ".join(invite.rows[0].reasons)


def test_possible_duplicates_of_other_rows_and_of_existing_signatures(read, letter):
    SignatureFactory(letter=letter, organization="Amnesty Local", email="x@amnesty-local.org")
    rows = [
        ["Amnesty  local", "FR", "local", "", "", "", "new@other.org"],
        ["Rights Watch", "FR", "local", "rightswatch.org", "", "", "a@rightswatch.org"],
        ["Rights Watch", "KE", "local", "rightswatch.org", "", "", "b@rightswatch.org"],
        ["Twice", "FR", "local", "", "", "", "A@RightsWatch.org"],
    ]
    preview = import_preview(read(files.libreoffice_csv(HEADER, rows)))
    amnesty, first, second, twice = preview.rows
    assert amnesty.duplicates == ["same name as “Amnesty Local”, who has signed"]
    assert amnesty.status == NEW
    assert first.duplicates == []
    assert second.duplicates == [
        "same name as row 3",
        "same website as row 3",
        "same email domain as row 3",
    ]
    assert twice.status == REFUSED
    assert twice.reasons == ["Same email as row 3."]


def test_rows_already_on_the_letter_are_skipped(read, letter):
    SignatureFactory(letter=letter, email="a@rights.org")
    SignatureFactory(letter=letter, organization="Red de Mujeres", country="AR", email="")
    preview = import_preview(read(files.libreoffice_csv(files.HEADER_EN, files.ROWS_EN)))
    assert [row.status for row in preview.rows] == [SKIPPED, NEW, NEW]
    # Without addresses, a row is the letter's by its name and country.
    paper = files.libreoffice_csv(files.HEADER_EN[:3], [r[:3] for r in files.ROWS_EN])
    assert [row.status for row in import_preview(read(paper)).rows] == [NEW, NEW, SKIPPED]


def test_preview_stores_nothing(read, letter):
    import_preview(read(files.libreoffice_csv()))
    assert not Signature.objects.filter(letter=letter).exists()


def test_a_missing_required_column_is_named(read):
    preview = import_preview(read(files.libreoffice_csv(["Organization", "Pays"], [["A", "FR"]])))
    assert preview.missing == ["scope"]


def test_preview_reads_the_letters_signatures_in_one_query(read, django_assert_num_queries):
    signature_import = read(files.libreoffice_csv(rows=files.many_rows(300)))
    with django_assert_num_queries(1):
        import_preview(signature_import)


def test_each_row_is_written_to_in_the_language_its_language_column_gives(read, settings):
    header = [*files.HEADER_FR, "Langue"]
    rows = [
        [*files.ROWS_EN[0], "Français"],
        [*files.ROWS_EN[1], "العربية"],
        [*files.ROWS_EN[2], ""],
    ]
    preview = import_preview(read(files.libreoffice_csv(header, rows)))
    assert [row.values["language"] for row in preview.rows] == ["fr", "ar", "en"]
    assert [row.language_name for row in preview.rows] == ["Français", "العربية", "English"]
    assert all(not row.notes for row in preview.rows)


def test_a_language_the_site_has_not_is_noted_and_the_letters_used(read):
    rows = [[*files.ROWS_EN[0], "Deutsch"]]
    preview = import_preview(read(files.libreoffice_csv([*files.HEADER_EN, "Language"], rows)))
    (row,) = preview.rows
    assert row.status == NEW
    assert row.values["language"] == "en"
    assert row.notes == [
        "“Deutsch” is not one of this site's languages: the emails will be in English."
    ]


def test_without_a_language_column_rows_take_the_letters_language_not_the_importers(read):
    with translation.override("es"):
        preview = import_preview(read(files.libreoffice_csv()))
    assert {row.values["language"] for row in preview.rows} == {"en"}
