"""The whole-page cache serves everyone the same page, so nothing one visitor sends may shape
what the others get, and nothing a visitor makes up may fill it."""

import gzip
import re
from pathlib import Path

import brotli
import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import get_script_prefix, reverse, set_script_prefix

from letter.public_version import mark_published
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]


def og_url(content):
    return re.search(r'<meta property="og:url" content="([^"]*)">', content)[1]


def through_wsgi(path, **environ):
    """The page as Django's WSGI handler (what gunicorn calls) serves it: unlike the test
    client, it sets the script prefix from the request's SCRIPT_NAME."""
    environ = RequestFactory().get(path, **environ).environ
    prefix = get_script_prefix()
    # As the test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, lambda status, headers: None)
        return b"".join(response).decode()
    finally:
        set_script_prefix(prefix)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_page_cache_pages_do_not_depend_on_host_proto_or_script_name(client, letter, settings):
    """Item 4: a request's Host, X-Forwarded-Proto or SCRIPT_NAME cannot change a page that
    everyone then gets from the cache."""
    settings.SITE_URL = "https://letter.example.org"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    url = letter.get_absolute_url()
    hostile = through_wsgi(
        url, HTTP_HOST="localhost:6666", HTTP_X_FORWARDED_PROTO="http", SCRIPT_NAME="/x"
    )
    everyone = client.get(url).content.decode()
    for content in (hostile, everyone):
        assert og_url(content) == f"https://letter.example.org{url}"
        assert "localhost:6666" not in content
        assert 'href="/x/' not in content and 'src="/x/' not in content
        assert 'action="/x/' not in content
        assert f'href="{reverse("signatories:directory", args=[letter.slug])}"' in content


def test_page_cache_refuses_disallowed_host_before_serving_a_cached_page(client, letter):
    """Item 4: a host not in ALLOWED_HOSTS gets Django's 400, never a cached page."""
    url = letter.get_absolute_url()
    assert client.get(url).status_code == 200  # now cached
    assert client.get(url, HTTP_HOST="evil.example").status_code == 400
    assert client.get(f"{url}?utm_source=x", HTTP_HOST="evil.example").status_code == 400


def _page_entries():
    pages = caches["pages"]
    if not hasattr(pages, "keys"):
        pytest.skip("counting entries needs the Redis page cache (REDIS_URL)")
    return len(pages.keys("*"))


@pytest.mark.services
def test_page_cache_unknown_query_parameters_add_no_cache_entries(client, letter, settings):
    """Item 11: made-up query parameters make no entries of their own (they are served the
    page's entry); the directory's own search, filters and pages still are cached."""
    settings.DIRECTORY_PAGE_SIZE = 1
    for name in ("Action Aid", "Amnesty Alliance"):
        SignatureFactory(letter=letter, approved=True, country="FR", organization=name)
    directory = reverse("signatories:directory", args=[letter.slug])
    for n in range(50):
        assert client.get(letter.get_absolute_url(), {f"flood{n}": "x"}).status_code == 200
        assert client.get(directory, {"query": "a", f"flood{n}": n}).status_code == 200
    assert _page_entries() == 2

    client.get(directory, {"query": "a", "country": "FR", "region": "", "scope": "", "page": 2})
    client.get(directory, {"page": 1})
    client.get(letter.get_absolute_url())
    assert _page_entries() == 4


def test_page_cache_serves_a_link_with_a_tracking_parameter_the_page_without_it(
    client, letter, django_assert_num_queries
):
    """Item 11: a parameter the view ignores neither makes an entry nor shows in the page."""
    url = letter.get_absolute_url()
    first = client.get(url, {"fbclid": "abc"})
    assert "fbclid" not in first.content.decode()  # rendered as the page without it
    with django_assert_num_queries(0):
        plain = client.get(url)
        tracked = client.get(url, {"fbclid": "def"})
    assert plain.content == tracked.content == first.content


def test_page_cache_has_its_own_evicting_redis_in_docker_compose():
    """Item 11: a full page cache evicts pages only, never queued tasks or rate limits."""
    compose = (PROJECT / "docker-compose.yml").read_text()
    services = dict(re.findall(r"(?m)^  (\w+):\n((?:    .*\n|\n)*)", compose))
    assert 'PAGE_CACHE_URL: "redis://pages:6379/0"' in compose
    assert 'REDIS_URL: "redis://redis:6379/0"' in compose
    assert "allkeys-lru" in services["pages"] and "--maxmemory\n" in services["pages"]
    assert "noeviction" in services["redis"] and "allkeys-lru" not in services["redis"]


def test_page_cache_links_follow_site_url_path_not_script_name(letter, settings):
    """Item 4: under a path (SITE_URL=https://example.org/letter, so FORCE_SCRIPT_NAME is
    /letter), every link is under that path whatever SCRIPT_NAME a request says."""
    settings.SITE_URL = "https://example.org/letter"
    settings.FORCE_SCRIPT_NAME = "/letter"
    path = reverse("signatories:letter", args=[letter.slug])  # no prefix outside a request
    for script_name in ("/x", "/letter", ""):
        content = through_wsgi(path, SCRIPT_NAME=script_name)
        assert og_url(content) == f"https://example.org/letter{path}"
        assert f'href="/letter{reverse("signatories:directory", args=[letter.slug])}"' in content
        assert 'href="/x/' not in content and 'src="/x/' not in content


def test_page_cache_a_hit_in_the_same_process_skips_the_shared_cache(
    client, letter, monkeypatch, django_assert_num_queries
):
    """The busiest pages are served from the process's own copy: no round trip to Redis and
    no query, and the same bytes as the first answer."""
    url = letter.get_absolute_url()
    first = client.get(url)

    def shared_cache_asked(*args, **kwargs):
        pytest.fail("a page this process served was asked of the shared cache")

    monkeypatch.setattr(caches["pages"], "get", shared_cache_asked)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.status_code == 200
    assert again.content == first.content


def test_page_cache_a_process_copy_is_not_served_once_the_signatories_change(
    client, letter, django_capture_on_commit_callbacks
):
    """The copy a process keeps is keyed on the letter's public version like the shared one:
    an approval shows at once in the page it served before."""
    url = reverse("signatories:count", args=[letter.slug])
    assert client.get(url).json()["count"] == 0
    SignatureFactory(letter=letter, approved=True)
    with django_capture_on_commit_callbacks(execute=True):
        mark_published(letter.pk)
    assert client.get(url).json()["count"] == 1


def test_forced_cache_miss_a_repeated_or_made_up_lang_is_served_the_canonical_entry(
    client, letter, django_assert_num_queries
):
    """Issue 21, item 1: `?lang=<random>&lang=en` made a new entry, and a new render, on every
    request; a repeated, unknown or invalid value is now served the page's one entry."""
    url = letter.get_absolute_url()
    english = client.get(url, {"lang": "en"})
    with django_assert_num_queries(0):
        for n in range(20):
            forced = client.get(f"{url}?lang=r{n}&lang=en&x{n}=1")
            assert forced.content == english.content
    plain = client.get(url)
    with django_assert_num_queries(0):
        for n in range(5):
            assert client.get(f"{url}?lang=en&lang=r{n}").content == plain.content


def test_forced_cache_miss_invalid_directory_values_are_served_the_canonical_entry(
    client, letter, settings, django_assert_num_queries
):
    """Issue 21, item 1: a directory value the page would ignore or refuse (a page number
    written another way, an unknown country, an overlong search) renders nothing anew."""
    settings.DIRECTORY_PAGE_SIZE = 1
    SignatureFactory.create_batch(2, letter=letter, approved=True, country="FR")
    directory = reverse("signatories:directory", args=[letter.slug])
    first = client.get(directory, {"country": "FR"})
    junk = [
        {"country": ["ZZ", "FR"]},
        {"country": "FR", "page": "1"},
        {"country": "FR", "page": "x"},
        {"country": "FR", "region": "nowhere", "scope": "galactic"},
        {"country": "FR", "query": "a" * 300},
    ]
    with django_assert_num_queries(0):
        for params in junk:
            assert client.get(directory, params).content == first.content
    client.get(directory, {"country": "FR", "page": "2"})
    with django_assert_num_queries(0):
        client.get(directory, {"country": "FR", "page": "002"})


def test_forced_cache_miss_a_page_past_the_last_leads_to_the_last_page(
    client, letter, django_assert_max_num_queries
):
    """Issue 21, item 1: each page number past the last was a new cache entry, rendered anew
    (the last page, under another key); it is now sent to the last page's one address."""
    SignatureFactory(letter=letter, approved=True, country="FR")
    directory = reverse("signatories:directory", args=[letter.slug])
    for number in ("2", "99999", "123456789"):
        # The letter, its questions (once a version) and its count, not the page.
        with django_assert_max_num_queries(5):
            response = client.get(directory, {"country": "FR", "page": number})
        assert response.status_code == 302
        assert response["Location"] == f"{directory}?country=FR"
        assert not response.templates


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_forced_cache_miss_one_render_per_page_at_a_time(monkeypatch):
    """Issue 21, item 1: concurrent misses of one page render it once; the other requests
    wait for that render's entry instead of each rendering the page again."""
    import threading

    from django.db import connections
    from django.test import Client

    from letter import page_cache
    from signatories.public import pages
    from tests.factories import LetterFactory

    letter = LetterFactory()
    visitors = 4
    renders, arrivals = [], threading.Semaphore(0)
    middleware = page_cache.PublicPageCacheMiddleware
    real_render, real_wait = pages.render, getattr(middleware, "_wait_for", None)

    def slow_render(*args, **kwargs):
        renders.append(1)
        arrivals.release()
        if len(renders) == 1:
            # Hold the first render until every other visitor has asked for the page (they
            # arrive either here, rendering it too, or waiting for this render).
            for _ in range(visitors):
                arrivals.acquire(timeout=10)
        return real_render(*args, **kwargs)

    def counted_wait(*args, **kwargs):
        arrivals.release()
        return real_wait(*args, **kwargs)

    monkeypatch.setattr(pages, "render", slow_render)
    monkeypatch.setattr(middleware, "_wait_for", staticmethod(counted_wait), raising=False)
    statuses = []

    def visit():
        try:
            statuses.append(Client().get(letter.get_absolute_url()))
        finally:
            connections.close_all()  # each thread's own connection

    threads = [threading.Thread(target=visit) for _ in range(visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [response.status_code for response in statuses] == [200] * visitors
    assert len(renders) == 1
    assert len({response.content for response in statuses}) == 1


def test_page_cache_sends_a_browser_that_accepts_brotli_the_copy_made_once(client, letter):
    """Issue 23, item 4: the letter page is stored with a brotli copy, smaller than gzip, sent
    to browsers that accept it, first visit and repeat alike; others still get gzip."""
    SignatureFactory.create_batch(30, letter=letter, approved=True)
    url = letter.get_absolute_url()
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    repeat = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    gzipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br;q=0")
    assert first["Content-Encoding"] == repeat["Content-Encoding"] == "br"
    assert "Accept-Encoding" in repeat["Vary"]
    assert brotli.decompress(repeat.content) == gzip.decompress(gzipped.content)
    assert gzipped["Content-Encoding"] == "gzip"
    assert len(repeat.content) < len(gzipped.content)
