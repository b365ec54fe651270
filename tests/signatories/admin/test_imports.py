"""The import page: coordinators and superusers, not moderators; the file read, the preview
with its corrected mapping, and nothing stored until confirmed."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from signatories.admin.review_page import review_url
from signatories.imports import services
from signatories.models import Signature, SignatureImport
from signatories.moderation.coordinators import COORDINATORS_GROUP
from tests.signatories.imports import files

ADD = reverse("admin:signatories_signatureimport_add")


@pytest.fixture
def coordinator_client(client, db):
    user = get_user_model().objects.create_user("coord", password="x-Long-pass-42", is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    client.force_login(user)
    return client


def upload(client, letter, data, name="list.csv", mode="historical"):
    return client.post(
        ADD, {"letter": letter.pk, "mode": mode, "file": SimpleUploadedFile(name, data)}
    )


def test_moderators_cannot_import(moderator_client, letter):
    assert moderator_client.get(ADD).status_code == 403
    assert upload(moderator_client, letter, files.libreoffice_csv()).status_code == 403
    assert not SignatureImport.objects.exists()


def test_coordinator_reads_previews_and_confirms_an_import(coordinator_client, letter):
    response = upload(coordinator_client, letter, files.xlsx(), name="list.xlsx")
    signature_import = SignatureImport.objects.get()
    preview_url = reverse("admin:signatories_signatureimport_preview", args=[signature_import.pk])
    assert response.url == preview_url
    page = coordinator_client.get(preview_url).content.decode()
    assert "3 to import, 0 refused, 0 already on the letter" in page
    assert "Centre for Rights" in page and "a@rights.org" in page
    assert not Signature.objects.exists()  # nothing stored before the confirmation
    mapping = {f"column_{i}": name for i, name in signature_import.mapping.items()}
    response = coordinator_client.post(preview_url, {**mapping, "confirm": "1"})
    assert Signature.objects.filter(letter=letter, status="approved").count() == 3
    assert response.url == reverse(
        "admin:signatories_signatureimport_change", args=[signature_import.pk]
    )
    assert coordinator_client.get(response.url).status_code == 200


def test_the_mapping_step_corrects_a_column(coordinator_client, letter):
    data = files.libreoffice_csv(["Organization", "Where", "Scope"], [["A", "Fiji", "local"]])
    upload(coordinator_client, letter, data)
    signature_import = SignatureImport.objects.get()
    preview_url = reverse("admin:signatories_signatureimport_preview", args=[signature_import.pk])
    page = coordinator_client.get(preview_url).content.decode()
    assert "No column gives:" in page and 'name="confirm"' not in page
    fixed = {"column_0": "organization", "column_1": "country", "column_2": "scope"}
    coordinator_client.post(preview_url, {**fixed, "remap": "1"})
    signature_import.refresh_from_db()
    assert signature_import.mapping == {"0": "organization", "1": "country", "2": "scope"}
    assert "1 to import" in coordinator_client.get(preview_url).content.decode()


def test_a_garbage_file_gets_a_clear_refusal_not_a_500(coordinator_client, letter):
    response = upload(coordinator_client, letter, bytes(range(256)) * 4000, name="x.csv")
    assert response.status_code == 200
    assert "not a spreadsheet" in response.content.decode()
    assert not SignatureImport.objects.exists()


def test_a_file_with_headers_naming_nothing_is_refused(coordinator_client, letter):
    response = upload(coordinator_client, letter, b"foo,bar\n1,2\n")
    assert "None of this file" in response.content.decode()


def test_a_file_over_the_limit_is_refused_before_it_is_received(coordinator_client, letter):
    response = upload(coordinator_client, letter, b"x" * (5 * 1024 * 1024 + 2 * 1024 * 1024))
    assert response.status_code == 413


def test_the_review_page_shows_where_an_imported_signature_came_from(moderator_client, letter):
    signature_import = services.signature_import_read(
        letter=letter, file_name="coalition 2018.csv", data=files.libreoffice_csv(),
        mode="invite", run_by="coord",
    )  # fmt: skip
    services.signature_import_run(signature_import=signature_import)
    signature = Signature.objects.filter(letter=letter).first()
    page = moderator_client.get(review_url(signature)).content.decode()
    assert "Imported from a file" in page
    assert "coalition 2018.csv" in page and "coord" in page


def test_the_preview_shows_the_language_each_contact_is_written_to_in(coordinator_client, letter):
    header = [*files.HEADER_FR, "Langue"]
    rows = [[*files.ROWS_EN[0], "Français"], [*files.ROWS_EN[1], "Deutsch"]]
    upload(coordinator_client, letter, files.libreoffice_csv(header, rows), mode="invite")
    signature_import = SignatureImport.objects.get()
    assert signature_import.mapping["6"] == "language"
    preview_url = reverse("admin:signatories_signatureimport_preview", args=[signature_import.pk])
    page = coordinator_client.get(preview_url).content.decode()
    cells = re.findall(r'<td class="import-language">([^<]*)</td>', page)
    assert cells == ["Français", "English"]
    assert "“Deutsch” is not one of this site&#x27;s languages" in page
    assert "without one, in English, the letter’s language" in page
