"""Request bodies refused from their headers, before a byte is read (issue 21, item 10): a
300 MB multipart file to /sign/ was accepted and written to /tmp."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse

from letter.logo import LOGO_MAX_BYTES
from signatories.models import Signature
from tests.factories import LetterUpdateFactory, sign_form_data

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class CountingBody:
    """A request body of `length` bytes that is never held in memory, counting what is read."""

    def __init__(self, length):
        self.length, self.read_bytes = length, 0

    def read(self, size=-1):
        size = self.length - self.read_bytes if size is None or size < 0 else size
        size = min(size, self.length - self.read_bytes)
        self.read_bytes += size
        return b"\0" * size

    def readline(self, size=-1):
        return self.read(min(size, 1024) if size and size > 0 else 1024)


def _post_declaring(client, url, length, content_type):
    body = CountingBody(length)
    response = client.post(
        url, content_type=content_type, CONTENT_LENGTH=str(length), **{"wsgi.input": body}
    )
    return response, body


def test_public_form_refuses_a_multipart_body_before_reading_it(client, letter):
    url = reverse("signatories:sign", args=[letter.slug])
    response, body = _post_declaring(client, url, 20 * MB, "multipart/form-data; boundary=x")
    assert response.status_code == 415
    assert body.read_bytes == 0
    assert not Signature.objects.exists()


@pytest.mark.parametrize("name", ["sign", "confirm", "withdraw", "new_link"])
def test_public_form_refuses_a_body_over_a_few_kb_before_reading_it(client, letter, name):
    args = {"sign": [letter.slug], "confirm": ["t"], "withdraw": ["t"]}.get(name, [])
    url = reverse(f"signatories:{name}", args=args)
    length = settings.PUBLIC_REQUEST_MAX_BYTES + 1
    response, body = _post_declaring(client, url, length, "application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert body.read_bytes == 0


def test_public_form_takes_the_longest_sign_on_a_person_can_type(client, letter):
    """Every field at its longest, in a script that url-encodes to 6 bytes a character."""
    data = sign_form_data(
        organization="م" * 255,
        contact_name="م" * 200,
        website="https://" + "م" * 60 + ".example.org/" + "م" * 400,
        email="a" * 64 + "@" + "b" * 180 + ".example.org",
    )
    assert len(urlencode(data)) > 4000
    response = client.post(reverse("signatories:sign", args=[letter.slug]), data)
    assert response.status_code in (200, 302)


@pytest.fixture
def update(letter):
    return LetterUpdateFactory(letter=letter)


def test_admin_upload_too_large_is_refused_before_the_body_is_read(admin_client, update):
    """An update's PDF over UPDATE_ATTACHMENT_MAX_BYTES, a logo over LOGO_MAX_BYTES: refused
    from the declared length, not after the file was received."""
    multipart = "multipart/form-data; boundary=x"
    urls_and_uploads = [
        (
            reverse("admin:letter_letterupdate_change", args=[update.pk]),
            settings.UPDATE_ATTACHMENT_MAX_BYTES,
        ),
        (reverse("admin:letter_coalition_add"), LOGO_MAX_BYTES),
    ]
    for url, upload_limit in urls_and_uploads:
        response, body = _post_declaring(admin_client, url, upload_limit + 2 * MB, multipart)
        assert response.status_code == 413
        assert body.read_bytes == 0


def test_admin_upload_within_its_limit_is_read(admin_client, settings, update):
    settings.UPDATE_ATTACHMENT_MAX_BYTES = 3 * MB
    url = reverse("admin:letter_letterupdate_change", args=[update.pk])
    response, body = _post_declaring(admin_client, url, 3 * MB, "multipart/form-data; boundary=x")
    assert response.status_code != 413
    assert body.read_bytes > 0
