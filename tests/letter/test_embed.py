import pytest
from django.urls import reverse

from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


def test_embed_shows_count_and_sign_link_and_may_be_framed(client, letter):
    SignatureFactory.create_batch(3, letter=letter, approved=True)
    response = client.get(reverse("signatories:embed", args=[letter.slug]))
    content = response.content.decode()
    assert 'id="signatory-count"' in content and ">3<" in content
    assert reverse("signatories:sign", args=[letter.slug]) in content
    assert "X-Frame-Options" not in response


@pytest.mark.parametrize(
    "name", ["signatories:letter", "signatories:directory", "signatories:print", "signatories:sign"]
)
def test_every_other_page_refuses_framing(client, letter, name):
    response = client.get(reverse(name, args=[letter.slug]))
    assert response["X-Frame-Options"] == "DENY"


def test_letter_page_offers_the_embed_snippet(client, letter, settings):
    settings.SITE_URL = "https://letters.example.org"
    content = client.get(letter.get_absolute_url()).content.decode()
    assert f"&lt;iframe src=&quot;https://letters.example.org/letters/{letter.slug}/embed/" in (
        content.replace('"', "&quot;")
    )


def test_letter_page_has_sharing_metadata(client, letter):
    SignatureFactory.create_batch(2, letter=letter, approved=True)
    content = client.get(letter.get_absolute_url()).content.decode()
    assert f'<meta property="og:title" content="{letter.title}">' in content
    assert '<meta name="twitter:card" content="summary">' in content
    assert "2 organizations have signed." in content
    assert letter.summary in content
