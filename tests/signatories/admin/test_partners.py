import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from signatories.models import Partner
from signatories.moderation.coordinators import COORDINATORS_GROUP
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:signatories_signature_changelist")


@pytest.fixture
def partner(letter):
    return Partner.objects.create(
        letter=letter, name="Friends of Rights", code="friends", origin="https://partner.example"
    )


def test_queue_shows_and_filters_signatures_by_partner(moderator_client, letter, partner):
    brought = SignatureFactory(letter=letter, partner=partner, confirmed=True)
    SignatureFactory(letter=letter, confirmed=True)
    response = moderator_client.get(CHANGELIST + f"?partner={partner.pk}")
    assert [s.pk for s in response.context["cl"].result_list] == [brought.pk]
    assert "partner" in response.context["cl"].list_display
    none = moderator_client.get(CHANGELIST + "?partner=none")
    assert brought not in none.context["cl"].result_list
    assert len(none.context["cl"].result_list) == 1


def test_queue_without_partners_shows_no_partner_column(moderator_client, letter):
    SignatureFactory(letter=letter, confirmed=True)
    response = moderator_client.get(CHANGELIST)
    assert "partner" not in response.context["cl"].list_display


def test_report_shows_signatures_by_partner(moderator_client, letter, partner):
    SignatureFactory(letter=letter, partner=partner, approved=True)
    SignatureFactory(letter=letter, partner=partner, confirmed=True)
    SignatureFactory(letter=letter, approved=True)
    response = moderator_client.get(reverse("admin:signatories_signature_report"))
    (report,) = [r for r in response.context["reports"] if r["letter"] == letter]
    rows = [
        (r.partner and r.partner.code, r.listed, r.awaiting, r.total) for r in report["partners"]
    ]
    assert rows == [("friends", 1, 1, 2), (None, 1, 0, 1)]
    assert "Signatures by partner" in response.content.decode()


def test_coordinator_lists_a_partner_and_gets_its_embed_snippet(client, letter, django_user_model):
    coordinator = django_user_model.objects.create_user("coord", is_staff=True)
    coordinator.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:signatories_partner_add"),
        {
            "letter": letter.pk,
            "name": "Friends",
            "code": "friends",
            "origin": "https://Partner.example/",
        },
    )
    assert response.status_code == 302, response.content.decode()
    partner = Partner.objects.get()
    assert partner.origin == "https://partner.example"
    page = client.get(reverse("admin:signatories_partner_change", args=[partner.pk]))
    content = page.content.decode()
    assert "&lt;iframe src=&quot;" in content and "/sign/embed/friends/" in content
    assert f"/partners/{partner.secret}/" in content


def test_partner_origin_must_be_an_origin(admin_client, letter):
    response = admin_client.post(
        reverse("admin:signatories_partner_add"),
        {"letter": letter.pk, "name": "F", "code": "f", "origin": "https://p.example/page"},
    )
    assert response.status_code == 200 and not Partner.objects.exists()


def test_count_widget_shows_a_partner_added_after_it_was_cached(
    admin_client, letter, django_capture_on_commit_callbacks
):
    widget = reverse("signatories:embed", args=[letter.slug]) + "?via=late"
    visitor = Client()
    assert "through" not in visitor.get(widget).content.decode()  # cached without a partner
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:signatories_partner_add"),
            {"letter": letter.pk, "name": "Late Partner", "code": "late", "origin": ""},
        )
    assert "0 of them through Late Partner" in visitor.get(widget).content.decode()
