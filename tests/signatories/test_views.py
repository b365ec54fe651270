import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from signatories.models import Signature
from signatories.signing import services
from signatories.tokens import (
    make_confirm_token,
    make_withdraw_confirm_token,
    make_withdraw_token,
)
from tests.factories import LetterFactory, QuestionFactory, SignatureFactory, sign_form_data

pytestmark = pytest.mark.django_db


def without_csrf_tokens(content):
    # Each response masks the CSRF token differently; nothing else may differ.
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def sign_url(letter):
    return reverse("signatories:sign", args=[letter.slug])


def test_sign_form_shows_every_field(client, letter):
    content = client.get(sign_url(letter)).content.decode()
    for name in ["organization", "country", "scope", "website", "contact_name", "email", "consent"]:
        assert f'name="{name}"' in content


def test_valid_post_stores_and_redirects_to_check_your_inbox(client, letter):
    response = client.post(sign_url(letter), sign_form_data(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("signatories:check_inbox", args=[letter.slug])
    assert b"Check your inbox" in response.content
    assert Signature.objects.get(letter=letter).status == Signature.Status.UNCONFIRMED


@pytest.mark.services
def test_a_sign_on_post_makes_one_statement(client, letter, django_assert_num_queries):
    # The first POST reads the letter; later ones take it from memory. Each then stores
    # the signature, its audit event and the confirmation email owed, after counting the
    # address's recent emails, in one statement (submission.py); here, as the test runs
    # inside a transaction of its own, within a savepoint and its release.
    client.post(sign_url(letter), sign_form_data(email="first@centre.example.org"))
    with django_assert_num_queries(3):
        response = client.post(sign_url(letter), sign_form_data())
    assert response.url == reverse("signatories:check_inbox", args=[letter.slug])
    signature = Signature.objects.get(letter=letter, email="achieng@centre.example.org")
    assert signature.notifications.count() == 1
    assert signature.events.count() == 1


def test_invalid_post_keeps_what_was_typed_and_shows_errors_beside_fields(client, letter):
    response = client.post(sign_url(letter), sign_form_data(email="nope", consent=""))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Centre for Rights"' in content
    assert 'value="Achieng Otieno"' in content
    assert 'value="nope"' in content
    assert '<option value="KE" selected>Kenya</option>' in content
    assert 'id="error_1_id_email"' in content
    assert 'id="error_1_id_consent"' in content
    assert not Signature.objects.exists()


def test_repeat_submission_gets_the_same_page(client, letter):
    SignatureFactory(letter=letter, email="achieng@centre.example.org", approved=True)
    response = client.post(sign_url(letter), sign_form_data())
    assert response.url == reverse("signatories:check_inbox", args=[letter.slug])
    assert Signature.objects.filter(letter=letter).count() == 1


def test_closed_letter_refuses_signatures_with_a_clear_message(client):
    now = timezone.now()
    closed = LetterFactory(
        signing_opens_at=now - datetime.timedelta(days=2),
        signing_closes_at=now - datetime.timedelta(days=1),
    )
    assert b"Signing is closed" in client.get(sign_url(closed)).content
    response = client.post(sign_url(closed), sign_form_data())
    assert response.status_code == 403
    assert b"No signature was recorded" in response.content
    assert not Signature.objects.filter(letter=closed).exists()


def test_confirm_get_changes_nothing_and_shows_the_organization(client, signature):
    response = client.get(reverse("signatories:confirm", args=[make_confirm_token(signature.pk)]))
    assert signature.organization.encode() in response.content
    assert b"<form" in response.content
    signature.refresh_from_db()
    assert signature.status == Signature.Status.UNCONFIRMED


def test_confirm_post_confirms_and_twice_is_harmless(client, signature):
    url = reverse("signatories:confirm", args=[make_confirm_token(signature.pk)])
    assert b"confirmed" in client.post(url).content
    assert client.post(url).status_code == 200
    signature.refresh_from_db()
    assert signature.status == Signature.Status.CONFIRMED


def test_a_withdrawn_signatures_confirm_link_says_so_and_changes_nothing(client, letter):
    signature = SignatureFactory(letter=letter, approved=True, organization="Leaving Org")
    signature = services.signature_withdraw(signature=signature)
    url = reverse(
        "signatories:confirm", args=[make_confirm_token(signature.pk, signature.revision)]
    )
    for response in (client.get(url), client.post(url)):
        page = response.content.decode()
        assert response.status_code == 200
        assert "<strong>Leaving Org</strong> has been withdrawn" in page
        assert "already confirmed" not in page and "Thank you" not in page
        assert "Confirm the signature" not in page
    signature.refresh_from_db()
    assert signature.status == Signature.Status.WITHDRAWN


def test_a_confirm_link_used_after_the_decision_is_not_thanked(client, letter):
    signature = SignatureFactory(letter=letter, approved=True, organization="Approved Org")
    url = reverse(
        "signatories:confirm", args=[make_confirm_token(signature.pk, signature.revision)]
    )
    page = client.post(url).content.decode()
    assert "<strong>Approved Org</strong> is already confirmed" in page
    assert "A moderator will now review" not in page
    signature.refresh_from_db()
    assert signature.status == Signature.Status.APPROVED


def test_tampered_link_gets_a_clear_page_with_a_way_to_a_new_link(client, signature):
    token = make_confirm_token(signature.pk)[:-3] + "abc"
    response = client.get(reverse("signatories:confirm", args=[token]))
    assert response.status_code == 400
    assert b"This link is not valid" in response.content
    assert reverse("signatories:new_link").encode() in response.content
    assert client.post(reverse("signatories:confirm", args=[token])).status_code == 400
    signature.refresh_from_db()
    assert signature.status == Signature.Status.UNCONFIRMED


def test_expired_link_offers_a_new_one_by_email(client, signature, settings):
    token = make_confirm_token(signature.pk)
    settings.SIGNATURE_CONFIRM_MAX_AGE = -1
    response = client.get(reverse("signatories:confirm", args=[token]))
    assert response.status_code == 410
    assert b"expired" in response.content
    response = client.post(reverse("signatories:resend_expired", args=[token]))
    assert b"new link is on its way" in response.content
    assert list(signature.notifications.values_list("kind", flat=True)) == ["confirm"]


def test_new_link_form_answers_the_same_whoever_asks(
    client, signature, run_new_link_requests, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("signatories:new_link"), {"email": signature.email})
        unknown = client.post(reverse("signatories:new_link"), {"email": "nobody@example.org"})
    assert without_csrf_tokens(known.content) == without_csrf_tokens(unknown.content)
    run_new_link_requests()
    assert signature.notifications.count() == 1


def test_new_link_form_refuses_a_bad_address(client):
    response = client.post(reverse("signatories:new_link"), {"email": "nope"})
    assert response.status_code == 200
    assert b"Enter an email address such as name@ngo.org." in response.content


def test_confirm_of_unknown_signature_is_404(client):
    assert (
        client.get(reverse("signatories:confirm", args=[make_confirm_token(99999)])).status_code
        == 404
    )


def test_a_form_with_errors_lists_them_first_and_says_so_in_the_title(client, letter):
    response = client.post(sign_url(letter), sign_form_data(organization=" ", consent=""))
    content = response.content.decode()
    assert re.search(r"<title>Error: Sign: ", content)
    summary = content.index('id="error-summary"')
    assert summary < content.index('<form method="post" novalidate>')
    assert 'tabindex="-1"' in content[content.rindex("<div", 0, summary) : summary + 200]
    assert '<a class="alert-link" href="#id_organization">Enter the organization’s name.</a>' in (
        content
    )
    assert '<a class="alert-link" href="#id_consent">Tick the box' in content
    assert re.search(r"<script src=\"/static/js/error-summary[.0-9a-f]*js\" defer>", content)
    assert "<script>" not in content


def test_an_error_about_the_whole_form_is_shown_once(client, letter):
    response = client.post(sign_url(letter), {**sign_form_data(), "started": "forged"})
    assert response.content.decode().count("press “Sign the letter” again") == 1


def test_a_form_without_errors_has_no_summary(client, letter):
    content = client.get(sign_url(letter)).content.decode()
    assert "Error:" not in content
    assert "error-summary" not in content


def test_the_new_link_form_lists_its_errors_too(client):
    response = client.post(reverse("signatories:new_link"), {"email": ""})
    content = response.content.decode()
    assert "<title>Error: Get a new confirmation link" in content
    assert '<a class="alert-link" href="#id_email">Enter your email address.</a>' in content


def test_get_shows_and_post_withdraws(client, letter, django_capture_on_commit_callbacks):
    """The link emailed to the address that signed (the one in every email only asks for it:
    tests/signatories/signing/test_withdrawal.py)."""
    signature = SignatureFactory(letter=letter, approved=True, organization="Leaving Org")
    token = make_withdraw_confirm_token(signature.pk, signature.revision)
    url = reverse("signatories:withdraw_confirm", args=[token])
    count_url = reverse("signatories:count", args=[letter.slug])
    assert client.get(count_url).json()["count"] == 1
    page = client.get(url).content.decode()
    assert "Leaving Org" in page and "<form" in page
    signature.refresh_from_db()
    assert signature.status == Signature.Status.APPROVED
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url).content.decode()
    assert "The signature is withdrawn" in page
    signature.refresh_from_db()
    assert signature.status == Signature.Status.WITHDRAWN
    assert client.get(count_url).json()["count"] == 0
    for public in [letter.get_absolute_url(), reverse("signatories:data_json", args=[letter.slug])]:
        assert "Leaving Org" not in client.get(public).content.decode()
    assert "withdrawn" in signature.events.values_list("action", flat=True)
    assert client.post(url).status_code == 200  # twice is harmless


def test_tampered_withdrawal_link_changes_nothing(client, signature):
    token = re.sub(r".$", "x", make_withdraw_token(signature.pk))
    response = client.post(reverse("signatories:withdraw", args=[token]))
    assert response.status_code == 400
    signature.refresh_from_db()
    assert signature.status == Signature.Status.UNCONFIRMED


# The invitation's "correct the details" page (an import's signature awaiting its signer).


def correct_url(signature, revision=0):
    return reverse("signatories:correct", args=[make_confirm_token(signature.pk, revision)])


@pytest.fixture
def invited(letter):
    letter.asks_role = True
    letter.save()
    return SignatureFactory(
        letter=letter,
        organization="Centre for Rights",
        country="KE",
        scope="local",
        website="https://rights.org",
        listing="country",
        contact_name="A. Otieno",
        contact_role="Coordinator",
    )


def correction_data(**changes):
    return {
        "organization": "Centre for Rights",
        "country": "KE",
        "scope": "local",
        "website": "https://rights.org",
        "listing": "country",
        "contact_name": "A. Otieno",
        "contact_role": "Coordinator",
        **changes,
    }


def test_correction_page_shows_what_the_import_stored_and_changes_nothing(client, invited):
    QuestionFactory(letter=invited.letter, label="Size of the organization")
    invited.answers.create(
        question=invited.letter.questions.get(), label="Size of the organization", value="Large"
    )
    response = client.get(correct_url(invited))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Centre for Rights"' in page
    assert '<option value="KE" selected>' in page
    assert re.search(r'value="local"[^>]*checked', page)
    assert re.search(r'value="country"[^>]*checked', page)
    assert 'value="https://rights.org"' in page
    assert 'value="A. Otieno"' in page
    assert 'value="Coordinator"' in page
    assert re.search(r'value="Large"[^>]*checked', page)
    assert invited.email in page and 'name="email"' not in page
    invited.refresh_from_db()
    assert invited.status == Signature.Status.UNCONFIRMED
    assert not invited.events.exists()


def test_correction_post_stores_the_corrections_and_confirms(client, invited):
    data = correction_data(organization="Centre for Rights and Justice", country="TZ")
    response = client.post(correct_url(invited), data)
    assert response.status_code == 200
    assert b"your signature is confirmed" in response.content
    invited.refresh_from_db()
    assert invited.status == Signature.Status.CONFIRMED
    assert (invited.organization, invited.country.code) == ("Centre for Rights and Justice", "TZ")
    event = invited.events.get(action="signer_corrected")
    assert event.details["changes"]["organization"] == [
        "Centre for Rights", "Centre for Rights and Justice",
    ]  # fmt: skip
    assert invited.events.filter(action="confirmed").exists()
    # The link is used: the page now says so, and changes nothing more.
    again = client.post(correct_url(invited), correction_data(organization="Other"))
    assert b"already confirmed" in again.content
    invited.refresh_from_db()
    assert invited.organization == "Centre for Rights and Justice"


def test_invalid_correction_shows_the_errors_and_keeps_what_was_typed(client, invited):
    data = correction_data(organization=" ", website="javascript:alert(1)", contact_role="Chair")
    response = client.post(correct_url(invited), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert 'id="error-summary"' in page
    assert 'href="#id_organization"' in page and 'href="#id_website"' in page
    assert "Enter the organization’s name." in page
    assert 'value="Chair"' in page  # nothing typed is lost
    invited.refresh_from_db()
    assert (invited.organization, invited.contact_role) == ("Centre for Rights", "Coordinator")
    assert invited.status == Signature.Status.UNCONFIRMED
    assert not invited.events.exists()


def test_a_required_question_is_asked_and_its_answer_stored(client, invited):
    QuestionFactory(letter=invited.letter, label="Size of the organization", required=True)
    response = client.post(correct_url(invited), correction_data())
    assert "Choose an answer to “Size of the organization”." in response.content.decode()
    field = f"question_{invited.letter.questions.get().pk}"
    client.post(correct_url(invited), correction_data(**{field: "Small"}))
    assert list(invited.answers.values_list("value", flat=True)) == ["Small"]


def test_a_broken_correction_link_gets_the_confirm_links_pages(client, invited, settings):
    token = make_confirm_token(invited.pk)[:-3] + "abc"
    tampered = reverse("signatories:correct", args=[token])
    for response in (client.get(tampered), client.post(tampered, correction_data())):
        assert response.status_code == 400
        assert b"This link is not valid" in response.content
    Signature.objects.filter(pk=invited.pk).update(revision=1)  # signed again since
    assert client.post(correct_url(invited), correction_data()).status_code == 400
    settings.SIGNATURE_CONFIRM_MAX_AGE = -1
    expired = client.post(correct_url(invited, revision=1), correction_data())
    assert expired.status_code == 410
    assert b"expired" in expired.content
    invited.refresh_from_db()
    assert invited.status == Signature.Status.UNCONFIRMED
    assert not invited.events.exists()


def test_the_correction_page_follows_the_invitations_language(client, invited):
    page = client.get(correct_url(invited) + "?lang=ar").content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert "تصحيح بيانات منظمتك" in page


def test_a_correction_sent_after_the_signature_was_confirmed_elsewhere_stores_nothing(
    client, invited
):
    page = client.get(correct_url(invited))  # the form, open in one tab
    assert page.status_code == 200
    services.signature_confirm(signature=invited)  # confirmed from the email, in another
    response = client.post(correct_url(invited), correction_data(organization="Other"))
    assert b"already confirmed" in response.content
    invited.refresh_from_db()
    assert invited.organization == "Centre for Rights"
