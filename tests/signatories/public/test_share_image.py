"""The share image (signatories/share_image.py): the og:image of the letter page, a
1200×630 PNG of the title and the live count, drawn afresh when the count changes."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from letter.coalition import coalition_identity
from letter.models import LetterTranslation
from signatories.moderation import review
from signatories.public import share_image
from tests.factories import LetterFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def image_url(letter, language=""):
    url = reverse("signatories:share_image", args=[letter.slug])
    return f"{url}?lang={language}" if language else url


def test_the_share_image_is_a_1200_by_630_png(client, letter):
    response = client.get(image_url(letter))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_the_share_image_changes_when_the_count_does(
    client, letter, moderator, django_capture_on_commit_callbacks
):
    before = client.get(image_url(letter))
    signature = SignatureFactory(letter=letter, confirmed=True)
    with django_capture_on_commit_callbacks(execute=True):
        review.signature_approve(signature=signature, moderator=moderator)
    after = client.get(image_url(letter))
    assert after.content != before.content
    assert after["ETag"] != before["ETag"]
    # Asked again under the same version, it is the same image (from the cache).
    assert client.get(image_url(letter)).content == after.content


def test_drawing_the_share_image_takes_the_same_queries_however_many_signed(client):
    queries = []
    coalition_identity()  # its colours are read once, then cached for every image
    for signed in (1, 25):
        letter = LetterFactory()
        SignatureFactory.create_batch(signed, letter=letter, approved=True)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(image_url(letter)).status_code == 200
        queries.append(len(captured))
    assert queries[0] == queries[1]


def test_the_share_image_is_in_the_language_asked(client, letter):
    LetterTranslation.objects.create(letter=letter, language="fr", title="Une lettre ouverte")
    english = client.get(image_url(letter, "en")).content
    french = client.get(image_url(letter, "fr")).content
    assert french != english
    # A language the site does not offer is the visitor's language (here, the default).
    assert client.get(image_url(letter, "xx")).content == english


def test_arabic_is_drawn_in_the_original_language_where_it_cannot_be_shaped(
    client, letter, monkeypatch
):
    LetterTranslation.objects.create(letter=letter, language="ar", title="رسالة مفتوحة")
    english = client.get(image_url(letter, "en")).content
    if share_image.can_shape_right_to_left():
        assert client.get(image_url(letter, "ar")).content != english
    monkeypatch.setattr(share_image, "can_shape_right_to_left", lambda: False)
    share_image._font.cache_clear()
    try:
        arabic = share_image._draw(letter, language=share_image.image_language("ar"))
        english = share_image._draw(letter, language="en")
    finally:
        share_image._font.cache_clear()
    assert arabic == english
