import re

import pytest

pytestmark = pytest.mark.django_db


def test_static_files_have_hashed_names_long_lifetimes_and_compression(client, letter):
    page = client.get(letter.get_absolute_url()).content.decode()
    css = re.search(r'href="(/static/css/public\.[0-9a-f]{12}\.css)"', page)
    assert css, "stylesheet is not served under a content-hashed name"
    response = client.get(css.group(1), HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] in ("gzip", "br")
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]


def test_static_files_are_served_brotli_compressed(client, letter):
    page = client.get(letter.get_absolute_url()).content.decode()
    css = re.search(r'href="(/static/css/public\.[0-9a-f]{12}\.css)"', page).group(1)
    response = client.get(css, HTTP_ACCEPT_ENCODING="br")
    assert response["Content-Encoding"] == "br"


def test_public_html_is_compressed_from_the_page_cache_too(client, letter):
    url = letter.get_absolute_url()
    for _ in range(2):  # rendered, then replayed from the page cache
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
