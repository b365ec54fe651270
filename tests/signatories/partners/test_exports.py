"""Who brought a signature (the partner, the import's runner) in the coalition's exports,
never in the open data, and the partner's settings as the admin shows them."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from letter.public_version import mark_published
from signatories.models import Partner, Signature, SignatureImport
from signatories.public import export
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def brought(letter):
    partner = Partner.objects.create(letter=letter, name="Friends of Rights", code="friends")
    SignatureFactory(letter=letter, approved=True, organization="Alpha", partner=partner)
    run = SignatureImport.objects.create(
        letter=letter, file_name="2018.csv", mode="historical", run_by="coordinator-ana"
    )
    SignatureFactory(letter=letter, approved=True, organization="Beta", imported_from=run)
    return partner


def test_the_coalitions_export_names_the_partner(admin_client, letter, brought):
    data = {
        "action": "export_json",
        "_selected_action": list(Signature.objects.values_list("pk", flat=True)),
    }
    response = admin_client.post(
        reverse("admin:signatories_signature_changelist") + "?status=all", data
    )
    rows = {row["organization"]: row for row in json.loads(response.content)["signatories"]}
    assert rows["Alpha"]["partner"] == "Friends of Rights (friends)"
    assert rows["Beta"]["partner"] == ""
    assert (rows["Alpha"]["imported_by"], rows["Beta"]["imported_by"]) == ("", "coordinator-ana")
    assert rows["Beta"]["source"].startswith(
        f"import {Signature.objects.get(organization='Beta').imported_from_id}: 2018.csv"
    )
    data["action"] = "export_csv"
    csv_text = admin_client.post(
        reverse("admin:signatories_signature_changelist") + "?status=all", data
    ).content.decode()
    assert '"partner"' in csv_text and '"Friends of Rights (friends)"' in csv_text


def test_the_export_reads_its_partners_in_the_same_query(
    letter, brought, django_assert_num_queries
):
    with django_assert_num_queries(1):
        rows = list(export.export_rows(Signature.objects.all(), coalition=True))
    assert [row["partner"] for row in rows] == ["Friends of Rights (friends)", ""]


def test_more_partners_and_imports_cost_the_export_no_more_queries(
    letter, brought, django_assert_num_queries
):
    for n in range(3):
        partner = Partner.objects.create(letter=letter, name=f"Network {n}", code=f"net-{n}")
        run = SignatureImport.objects.create(
            letter=letter, file_name=f"{n}.csv", mode="historical", run_by=f"coordinator-{n}"
        )
        SignatureFactory(
            letter=letter,
            approved=True,
            organization=f"Org {n}",
            partner=partner,
            imported_from=run,
        )
    with django_assert_num_queries(1):
        rows = list(export.export_rows(Signature.objects.all(), coalition=True))
    assert {row["partner"] for row in rows} >= {"Network 0 (net-0)", "Network 2 (net-2)"}
    assert {row["imported_by"] for row in rows} >= {"coordinator-0", "coordinator-2"}


def test_the_export_delivered_with_the_letter_never_names_the_partner(letter, brought):
    for fmt in ("csv", "json"):
        stdout = io.StringIO()
        call_command("export_signatories", letter.slug, "--format", fmt, stdout=stdout)
        text = stdout.getvalue()
        assert "Alpha" in text and "2018.csv" in text
        assert "partner" not in text and "Friends of Rights" not in text
        assert "imported_by" not in text and "coordinator-ana" not in text


def test_the_open_data_never_names_the_partner(
    client, letter, brought, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mark_published(letter.pk)
    rows = client.get(reverse("signatories:data_json", args=[letter.slug])).json()["signatories"]
    assert [row["organization"] for row in rows] == ["Alpha", "Beta"]
    assert all("partner" not in row and "imported_by" not in row for row in rows)
    text = client.get(reverse("signatories:data_csv", args=[letter.slug])).content.decode()
    assert "Friends of Rights" not in text and "friends" not in text
    assert "coordinator-ana" not in text


def test_the_admin_shows_the_partner_links_address_readably(admin_client, brought):
    page = admin_client.get(reverse("admin:signatories_partner_change", args=[brought.pk]))
    content = page.content.decode()
    # Help texts are HTML in the admin: a "<code>" in one would vanish as a tag.
    assert "/letters/(the letter's address)/sign/?via=(this code)" in content
    assert "?via=<code>" not in content
