"""What the app tells the caches in front of it (the front door, a CDN) they may keep."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import sign_form_data

pytestmark = pytest.mark.django_db


def test_public_pages_are_marked_public_with_s_maxage_for_shared_caches(client, letter):
    for _ in range(2):  # rendered, then from the page cache
        response = client.get(letter.get_absolute_url())
        assert response.status_code == 200
        assert "public" in response["Cache-Control"]
        assert "s-maxage=1" in response["Cache-Control"]
    count = client.get(reverse("signatories:count", kwargs={"slug": letter.slug}))
    # Browsers keep their own five seconds; shared caches one.
    assert "s-maxage=1" in count["Cache-Control"]
    assert f"max-age={settings.COUNT_JSON_MAX_AGE}" in count["Cache-Control"]


def test_public_page_answered_to_a_session_is_private_no_store(client, letter, admin_user):
    client.force_login(admin_user)
    response = client.get(letter.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    count = client.get(reverse("signatories:count", kwargs={"slug": letter.slug}))
    assert "public" not in count["Cache-Control"]


def test_forms_and_their_answers_are_private_no_store(client, letter):
    sign = reverse("signatories:sign", kwargs={"slug": letter.slug})
    assert client.get(sign)["Cache-Control"] == "private, no-store"
    answer = client.post(sign, sign_form_data())
    assert answer["Cache-Control"] == "private, no-store"
    assert client.get(reverse("healthz"))["Cache-Control"].count("private") == 1


def test_static_files_keep_their_far_future_caching(client, letter):
    response = client.get(f"{settings.STATIC_URL}favicon.ico")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]


def test_public_pages_tell_the_front_door_to_keep_them_to_the_end_of_their_second(client, letter):
    """nginx would keep `s-maxage=1` until the end of the next second: X-Accel-Expires names
    the second the letter's state was read in, so the count it serves stays exact within one."""
    count_url = reverse("signatories:count", kwargs={"slug": letter.slug})
    for url in (letter.get_absolute_url(), count_url, letter.get_absolute_url()):
        before = time.time()
        response = client.get(url)
        after = time.time()
        second = int(response["X-Accel-Expires"].removeprefix("@"))
        # The state may have been remembered from up to half a second before the request.
        assert int(before - 0.5) <= second <= int(after)


def test_private_answers_say_nothing_to_the_front_door(client, letter, admin_user):
    sign = reverse("signatories:sign", kwargs={"slug": letter.slug})
    assert "X-Accel-Expires" not in client.get(sign)
    client.force_login(admin_user)
    assert "X-Accel-Expires" not in client.get(letter.get_absolute_url())
