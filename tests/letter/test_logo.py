"""The coalition's logo upload (letter/logo.py): dimensions capped before decoding, every logo
encoded again so that nothing but its pixels reaches the pages (issue 21, item 8)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from letter.logo import LOGO_MAX_SIDE
from letter.models import Coalition

pytestmark = pytest.mark.django_db

TOO_LARGE = f"at most {LOGO_MAX_SIDE} × {LOGO_MAX_SIDE} pixels"


def _upload(admin_client, content, name="logo.png"):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    fields = {"name": "Coalition", "website": "", "contact_email": "", "logo_upload": upload}
    return admin_client.post(reverse("admin:letter_coalition_add"), fields)


def _png(size, mode="1", **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG", **save_options)
    return buffer.getvalue()


def _served_logo(client, letter):
    content = client.get(letter.get_absolute_url()).content.decode()
    return client.get(content.split('class="site-logo" src="')[1].split('"')[0]).content


def test_logo_upload_of_a_decompression_bomb_is_refused_with_a_clear_error(admin_client):
    """A 20000 × 20000 PNG of a few dozen KB was a 500 (DecompressionBombError)."""
    bomb = _png((20000, 20000))
    assert len(bomb) < 100 * 1024
    response = _upload(admin_client, bomb)
    assert response.status_code == 200
    assert TOO_LARGE in response.content.decode()
    assert not Coalition.objects.exists()


@pytest.mark.parametrize("size", [(12000, 12000), (LOGO_MAX_SIDE + 1, 10), (10, LOGO_MAX_SIDE + 1)])
def test_logo_upload_larger_than_the_cap_is_refused(admin_client, size):
    """A 12000 × 12000 PNG of 17 KB was accepted and decoded by every visitor's browser."""
    response = _upload(admin_client, _png(size))
    assert response.status_code == 200
    assert TOO_LARGE in response.content.decode()
    assert not Coalition.objects.exists()


def test_logo_upload_at_the_cap_is_accepted(admin_client):
    assert _upload(admin_client, _png((LOGO_MAX_SIDE, 40))).status_code == 302
    coalition = Coalition.objects.get()
    assert (coalition.logo_width, coalition.logo_height) == (LOGO_MAX_SIDE, 40)


def _jpeg_with_exif():
    exif = Image.Exif()
    exif[0x013B] = "Jane Author"  # Artist
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0)}  # GPSInfo: latitude
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), "navy").save(buffer, "JPEG", exif=exif, comment=b"Secret note")
    return buffer.getvalue()


def _png_with_text():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Author")
    info.add_text("Comment", "Secret note")
    return _png((60, 30), mode="RGB", pnginfo=info)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("logo.jpg", _jpeg_with_exif(), "image/jpeg"), ("logo.png", _png_with_text(), "image/png")],
)
def test_logo_upload_is_served_without_metadata_or_trailing_data(
    admin_client, client, letter, name, content, content_type
):
    """EXIF author and GPS were served unchanged to every visitor, and so was anything
    appended after the image's end."""
    trailing = b"<?php echo 'appended after the image'; ?>"
    assert b"Jane Author" in content
    assert _upload(admin_client, content + trailing, name=name).status_code == 302
    assert Coalition.objects.get().logo_type == content_type
    served = _served_logo(client, letter)
    for private in [b"Jane Author", b"Secret note", b"appended after"]:
        assert private not in served
    with Image.open(io.BytesIO(served)) as image:
        assert image.size == (60, 30)
        assert not image.getexif()
        assert "exif" not in image.info and "comment" not in image.info


def test_logo_upload_cut_short_is_refused(admin_client):
    whole = _png((300, 300), mode="RGB")
    response = _upload(admin_client, whole[: len(whole) // 2])
    assert response.status_code == 200
    assert "The logo must be a PNG or JPEG image." in response.content.decode()
