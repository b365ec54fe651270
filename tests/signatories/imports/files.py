"""Spreadsheet files as the tools coalitions use write them."""

import csv
import io

from openpyxl import Workbook

HEADER_EN = ["Organization", "Country", "Scope", "Website", "Contact name", "Email"]
HEADER_FR = ["Organisation", "Pays", "Portée", "Site web", "Nom du contact", "Courriel"]

ROWS_EN = [
    ["Centre for Rights", "Kenya", "National", "rights.org", "Achieng", "a@rights.org"],
    ["Droits Égaux", "France", "Local", "https://droits-egaux.fr", "Élise", "e@droits-egaux.fr"],
    ["Red de Mujeres", "AR", "Regional", "", "Lucía", "l@redmujeres.org.ar"],
]  # fmt: skip


def libreoffice_csv(header=HEADER_EN, rows=ROWS_EN):
    """LibreOffice's CSV export: UTF-8 without a BOM, commas, quotes only where needed, LF."""
    stream = io.StringIO(newline="")
    csv.writer(stream, lineterminator="\n").writerows([header, *rows])
    return stream.getvalue().encode("utf-8")


def excel_csv(header=HEADER_EN, rows=ROWS_EN, separator=",", encoding="utf-8-sig"):
    """Excel's "CSV UTF-8" (a BOM, CRLF); with separator=";" and cp1252, a French Excel's."""
    stream = io.StringIO(newline="")
    csv.writer(stream, delimiter=separator).writerows([header, *rows])
    return stream.getvalue().encode(encoding)


def unicode_text(header=HEADER_EN, rows=ROWS_EN):
    """Excel's "Unicode text": UTF-16 with its BOM, tab-separated."""
    stream = io.StringIO(newline="")
    csv.writer(stream, delimiter="\t").writerows([header, *rows])
    return stream.getvalue().encode("utf-16")


def xlsx(header=HEADER_EN, rows=ROWS_EN):
    workbook = Workbook()
    sheet = workbook.active
    for row in [header, *rows]:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def many_rows(count, *, domain="org"):
    return [
        [f"Organization {n:05d}", ["Kenya", "France", "AR", "JP", "Fiji"][n % 5], "national",
         f"https://org{n}.{domain}", f"Contact {n}", f"c{n}@org{n}.{domain}"]
        for n in range(count)
    ]  # fmt: skip
