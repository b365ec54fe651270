"""Reading a file as a spreadsheet exports it: encodings and separators detected, limits
held while reading, garbage refused with a message."""

import os

import pytest

from signatories.imports.reading import ImportRefused, table_read
from tests.signatories.imports import files
from tests.signatories.imports.files import HEADER_EN, HEADER_FR, ROWS_EN


def test_libreoffice_csv_is_read():
    table = table_read(files.libreoffice_csv())
    assert table.header == HEADER_EN
    assert table.rows == ROWS_EN


def test_excel_xlsx_written_by_openpyxl_is_read():
    table = table_read(files.xlsx(), file_name="signatories.xlsx")
    assert table.header == HEADER_EN
    assert table.rows == ROWS_EN


def test_utf8_with_bom_is_read_without_the_bom_in_the_first_header():
    assert table_read(files.excel_csv()).header[0] == "Organization"


def test_utf16_tab_separated_unicode_text_is_read():
    assert table_read(files.unicode_text()).rows == ROWS_EN


def test_utf16_without_bom_is_read():
    data = files.unicode_text()[2:]  # the BOM removed: little-endian, as Windows writes
    assert table_read(data).rows == ROWS_EN


def test_semicolon_separated_windows_1252_with_french_headers_is_read():
    data = files.excel_csv(header=HEADER_FR, separator=";", encoding="cp1252")
    table = table_read(data)
    assert table.header == HEADER_FR
    assert table.rows[1][0] == "Droits Égaux"


def test_empty_rows_are_dropped_and_short_rows_padded():
    table = table_read(b"Organization,Country,Scope\n\nA,FR\n,,\n")
    assert table.rows == [["A", "FR", ""]]


def test_garbage_file_of_5_mb_is_refused_with_a_message(settings):
    with pytest.raises(ImportRefused, match="not a spreadsheet"):
        table_read(os.urandom(5 * 1024 * 1024 - 1))


def test_garbage_posing_as_xlsx_is_refused_with_a_message():
    with pytest.raises(ImportRefused, match="not a spreadsheet"):
        table_read(b"PK\x03\x04" + os.urandom(10_000), file_name="list.xlsx")


def test_file_over_the_size_limit_is_refused_before_reading(settings):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(ImportRefused, match="larger than"):
        table_read(files.libreoffice_csv(rows=files.many_rows(50)))


def test_huge_file_of_100000_rows_is_refused_with_a_message(settings):
    settings.IMPORT_MAX_BYTES = 50 * 1024 * 1024  # the rows, not the bytes, refuse it
    data = b"Organization,Country,Scope\n" + b"A,FR,local\n" * 100_000
    with pytest.raises(ImportRefused, match="more than 10000 rows"):
        table_read(data)


def test_huge_xlsx_is_refused_by_its_rows(settings):
    settings.IMPORT_MAX_ROWS = 100
    with pytest.raises(ImportRefused, match="more than 100 rows"):
        table_read(files.xlsx(rows=files.many_rows(150)), file_name="big.xlsx")


def test_xlsx_that_unpacks_too_large_is_refused_before_opening(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1000
    with pytest.raises(ImportRefused, match="too large once unpacked"):
        table_read(files.xlsx(), file_name="list.xlsx")


def test_a_header_alone_is_refused():
    with pytest.raises(ImportRefused, match="no rows"):
        table_read(b"Organization,Country\n")
