"""Partners: the ?via= link, the embedded form (framed by the partner's origin alone, posted
without a CSRF cookie but checked by origin, with every protection of the main form), the
partner's own page and the count widget."""

import pytest
from django.test import Client
from django.urls import reverse

from signatories.models import Partner, Signature
from tests.browser_client import BrowserClient
from tests.factories import QuestionFactory, SignatureFactory, sign_form_data

pytestmark = pytest.mark.django_db

PARTNER_ORIGIN = "https://partner.example"
OWN_ORIGIN = "http://testserver"


@pytest.fixture
def partner(letter):
    return Partner.objects.create(
        letter=letter, name="Friends of Rights", code="friends", origin=PARTNER_ORIGIN
    )


def embed_url(partner):
    return reverse("signatories:embed_sign", args=[partner.letter.slug, partner.code])


def post_embedded(partner, client=None, origin=OWN_ORIGIN, **data):
    client = client or BrowserClient()
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    return client.post(embed_url(partner), sign_form_data(**data), **headers)


def test_via_link_records_the_partner_on_each_signature(client, letter, partner):
    url = reverse("signatories:sign", args=[letter.slug]) + "?via=friends"
    response = client.post(url, sign_form_data())
    assert response.status_code == 302
    assert Signature.objects.get(letter=letter).partner == partner


def test_via_link_with_an_unknown_code_signs_without_partner(client, letter, partner):
    url = reverse("signatories:sign", args=[letter.slug]) + "?via=nobody"
    client.post(url, sign_form_data())
    assert Signature.objects.get(letter=letter).partner is None


def test_embedded_form_signs_without_a_csrf_cookie_and_records_the_partner(partner):
    # As in a frame with third-party cookies blocked: no cookie at all, CSRF enforced.
    client = BrowserClient(enforce_csrf_checks=True)
    response = post_embedded(partner, client=client)
    assert response.status_code == 302
    assert response.url == reverse("signatories:embed_done", args=[partner.letter.slug, "friends"])
    signature = Signature.objects.get()
    assert signature.partner == partner and signature.status == Signature.Status.UNCONFIRMED


@pytest.mark.parametrize("origin", ["https://evil.example", PARTNER_ORIGIN, "null", None])
def test_embedded_form_refuses_a_post_from_another_origin(partner, origin):
    response = post_embedded(partner, origin=origin)
    assert response.status_code == 403
    assert not Signature.objects.exists()


def test_embedded_form_accepts_a_same_origin_fetch_without_origin_header(partner):
    client = BrowserClient()
    response = client.post(embed_url(partner), sign_form_data(), HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 302


def test_embedded_form_may_be_framed_only_by_the_partners_origin(client, partner):
    response = client.get(embed_url(partner))
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert f"frame-ancestors {PARTNER_ORIGIN}" in policy
    assert "X-Frame-Options" not in response
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


def test_embedded_form_of_a_partner_without_origin_cannot_be_framed(client, partner):
    Partner.objects.filter(pk=partner.pk).update(origin="")
    response = client.get(embed_url(partner))
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_embedded_form_links_to_the_full_form(client, partner):
    content = client.get(embed_url(partner)).content.decode()
    assert f"/letters/{partner.letter.slug}/sign/?via=friends" in content


def test_embedded_form_keeps_the_bot_checks(partner):
    post_embedded(partner, homepage="http://spam.example")
    assert Signature.objects.get().status == Signature.Status.BLOCKED
    started = sign_form_data()["started"]
    assert post_embedded(partner, started=started, email="a@centre.example.org").status_code == 302
    # The same form token twice: refused, as on the main form.
    again = post_embedded(partner, started=started, email="b@centre.example.org")
    assert again.status_code == 200
    assert Signature.objects.count() == 2


def test_embedded_form_keeps_the_rate_limits(partner, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign": ["1/m"]}
    assert post_embedded(partner).status_code == 302
    limited = post_embedded(partner, email="second@centre.example.org")
    assert limited.status_code == 429
    # The page saying so still shows inside the partner's frame.
    assert f"frame-ancestors {PARTNER_ORIGIN}" in limited["Content-Security-Policy"]


def test_embedded_form_keeps_the_per_recipient_limit(partner, settings):
    settings.EMAILS_PER_RECIPIENT = 1
    post_embedded(partner)
    post_embedded(partner)  # the same address again: a note, beyond its allowance
    assert Signature.objects.get().notifications.count() == 1


def test_embedded_form_of_an_unknown_partner_is_not_found(client, letter):
    assert client.get(reverse("signatories:embed_sign", args=[letter.slug, "x"])).status_code == 404


def test_partner_page_shows_its_own_count_never_contact_data(partner, letter):
    mine = SignatureFactory(letter=letter, partner=partner, approved=True)
    SignatureFactory(letter=letter, partner=partner, confirmed=True)
    SignatureFactory(letter=letter, approved=True)  # another's
    response = Client().get(reverse("signatories:partner_page", args=[partner.secret]))
    assert response.status_code == 200
    counts = response.context["counts"]
    assert (counts.listed, counts.awaiting, counts.total) == (1, 1, 2)
    assert response.context["letter_listed"] == 2
    content = response.content.decode()
    for private in (mine.email, mine.contact_name, mine.organization):
        assert private not in content
    assert "noindex" in response["X-Robots-Tag"]


def test_partner_page_needs_the_secret(client, partner):
    assert client.get(reverse("signatories:partner_page", args=["guess"])).status_code == 404


def test_count_widget_shows_the_partners_count_beside_the_total(client, letter, partner):
    SignatureFactory(letter=letter, partner=partner, approved=True)
    SignatureFactory(letter=letter, approved=True)
    url = reverse("signatories:embed", args=[letter.slug])
    response = client.get(url + "?via=friends")
    assert "1 of them through Friends of Rights" in response.content.decode()
    assert response.context["totals"].count == 2
    assert "through" not in client.get(url).content.decode()


def test_embedded_form_asks_the_letters_own_questions(partner):
    """The embedded form is the letter's form: a required question of the letter is asked
    there too, and its answer stored with the signature the partner brought."""
    question = QuestionFactory(letter=partner.letter, required=True, public=True)
    assert question.label in BrowserClient().get(embed_url(partner)).content.decode()
    assert post_embedded(partner).status_code == 200  # unanswered: the form again
    assert not Signature.objects.exists()
    assert post_embedded(partner, **{f"question_{question.pk}": "Medium"}).status_code == 302
    signature = Signature.objects.get()
    assert signature.partner == partner
    assert list(signature.answers.values_list("value", flat=True)) == ["Medium"]
