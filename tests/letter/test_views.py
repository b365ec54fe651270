import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from letter.models import Letter
from signatories import services
from tests.factories import LetterFactory, SignatureFactory, sign_form_data

pytestmark = pytest.mark.django_db


def test_home_redirects_to_newest_open_letter(client):
    newest = LetterFactory(signing_opens_at=timezone.now() - datetime.timedelta(hours=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == newest.get_absolute_url()


def test_home_without_letters_says_so(client):
    Letter.objects.all().delete()
    response = client.get("/")
    assert response.status_code == 404
    assert b"No letter is published yet" in response.content


def test_seed_letter_page_shows_the_letter_without_markup(client):
    response = client.get("/letters/joint-ngo-letter-2018/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Joint NGO letter to the new UN High Commissioner" in content
    assert "5 September 2018" in content
    assert "UN High Commissioner for Human Rights" in content
    assert "and to undertake or push for investigations" in content
    assert "**" not in content


def test_letter_page_lists_approved_signatories_by_country(client, letter):
    SignatureFactory(letter=letter, approved=True, organization="Amnesty Kenya", country="KE")
    SignatureFactory(
        letter=letter, approved=True, organization="Ligue des droits", country="FR", website=""
    )
    SignatureFactory(letter=letter, confirmed=True, organization="Not Yet Approved")
    content = client.get(letter.get_absolute_url()).content.decode()
    assert content.index("France") < content.index("Ligue des droits") < content.index("Kenya")
    assert '<a href="https://' in content  # Amnesty Kenya's website
    assert "Not Yet Approved" not in content
    assert 'id="signatory-count"' in content


def test_letter_page_never_shows_contact_data(client, letter):
    signature = SignatureFactory(
        letter=letter, approved=True, contact_name="Wanjiru Secret", email="wanjiru@secret.example"
    )
    for url in [letter.get_absolute_url(), reverse("signatories:count", args=[letter.slug])]:
        content = client.get(url).content.decode()
        assert signature.contact_name not in content
        assert signature.email not in content


def test_letter_page_escapes_organization_names(client, letter):
    SignatureFactory(letter=letter, approved=True, organization="<script>alert(1)</script>")
    content = client.get(letter.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


def test_letter_page_uses_a_static_script_not_an_inline_one(client, letter):
    content = client.get(letter.get_absolute_url()).content.decode()
    assert '<script src="/static/js/count.' in content
    assert "<script>" not in content


def test_closed_letter_says_signing_is_closed(client):
    now = timezone.now()
    letter = LetterFactory(
        signing_opens_at=now - datetime.timedelta(days=10),
        signing_closes_at=now - datetime.timedelta(days=1),
    )
    content = client.get(letter.get_absolute_url()).content.decode()
    assert "closed on" in content
    assert reverse("signatories:sign", args=[letter.slug]) not in content


def test_unknown_letter_is_404(client):
    assert client.get("/letters/no-such-letter/").status_code == 404
    assert client.get("/letters/no-such-letter/count.json").status_code == 404


def test_count_json_reports_approved_signatures_with_short_public_caching(client, letter):
    SignatureFactory.create_batch(3, letter=letter, approved=True)
    SignatureFactory(letter=letter, confirmed=True)
    response = client.get(reverse("signatories:count", args=[letter.slug]))
    assert response.json() == {"count": 3}
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    max_age = int(cache_control.split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 10


@pytest.mark.parametrize(
    ("start", "decide", "expected"),
    [
        ("confirmed", "approve", 1),
        ("approved", "reject", 0),
        ("approved", "withdraw", 0),
    ],
)
def test_count_json_is_refreshed_at_once_by_decisions(
    client, letter, moderator, django_capture_on_commit_callbacks, start, decide, expected
):
    signature = SignatureFactory(letter=letter, **{start: True})
    url = reverse("signatories:count", args=[letter.slug])
    before = client.get(url).json()["count"]  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        if decide == "withdraw":
            services.signature_withdraw(signature=signature)
        elif decide == "reject":
            services.signature_reject(signature=signature, moderator=moderator, reason="Duplicate")
        else:
            services.signature_approve(signature=signature, moderator=moderator)
    assert before != expected
    assert client.get(url).json() == {"count": expected}


def test_paused_letter_shows_the_coalitions_message_and_accepts_nothing(client, letter):
    letter.signing_paused = True
    letter.pause_message = "We are reviewing the text; signing resumes on Monday."
    letter.save()
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "Signing is paused" in page
    assert "signing resumes on Monday" in page
    assert reverse("signatories:sign", args=[letter.slug]) not in page
    form_page = client.get(reverse("signatories:sign", args=[letter.slug])).content.decode()
    assert "signing resumes on Monday" in form_page
    assert 'name="organization"' not in form_page
    response = client.post(reverse("signatories:sign", args=[letter.slug]), sign_form_data())
    assert response.status_code == 403
    assert not letter.signatures.exists()


def test_letter_page_links_to_the_printable_version(client, letter):
    page = client.get(letter.get_absolute_url()).content.decode()
    assert reverse("signatories:print", args=[letter.slug]) in page
