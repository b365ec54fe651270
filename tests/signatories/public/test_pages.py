"""The public pages that show a letter with its signatories (signatories/pages.py)."""

import datetime

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from letter.models import LetterTranslation
from letter.public_version import mark_published
from tests.factories import LetterFactory, SignatureFactory, bulk_signatures, sign_form_data

pytestmark = pytest.mark.django_db


def test_seed_letter_page_shows_the_letter_without_markup(client):
    response = client.get("/letters/joint-ngo-letter-2018/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Joint NGO letter to the new UN High Commissioner" in content
    assert "5 Sep 2018" in content
    assert "UN High Commissioner for Human Rights" in content
    assert "and to undertake or push for investigations" in content
    assert "**" not in content


def test_letter_page_lists_approved_signatories_by_region_and_country(client, letter):
    SignatureFactory(letter=letter, approved=True, organization="Amnesty Kenya", country="KE")
    SignatureFactory(
        letter=letter, approved=True, organization="Ligue des droits", country="FR", website=""
    )
    SignatureFactory(letter=letter, approved=True, organization="Nadim", country="EG")
    SignatureFactory(letter=letter, confirmed=True, organization="Not Yet Approved")
    content = client.get(letter.get_absolute_url()).content.decode()
    assert 'Africa <span class="group-count">(2)</span>' in content
    europe = content.index('Europe <span class="group-count">(1)</span>')
    assert content.index("Egypt") < content.index("Kenya") < europe
    assert content.index("Europe") < content.index("France") < content.index("Ligue des droits")
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


@pytest.fixture
def translated_letter(letter):
    LetterTranslation.objects.create(
        letter=letter, language="fr", title="Lettre ouverte en français", body="Premier.\n\nSecond."
    )
    return letter


def test_letter_is_shown_in_the_visitors_language(client, translated_letter):
    content = client.get(translated_letter.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content
    assert "Lettre ouverte en français" in content.decode()
    assert "<p>Premier.</p>" in content.decode()


def test_missing_translated_fields_fall_back_to_the_original(client, translated_letter):
    content = client.get(translated_letter.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    assert translated_letter.summary in content.content.decode()


def test_language_without_a_translation_shows_the_original(client, translated_letter):
    content = client.get(translated_letter.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content
    assert translated_letter.title in content.decode()


def test_arabic_is_laid_out_right_to_left(client, letter):
    content = client.get(letter.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    assert "public.rtl" in content


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


def test_letter_page_has_sharing_metadata(client, letter, settings):
    settings.SITE_URL = "https://letters.example.org"
    SignatureFactory.create_batch(2, letter=letter, approved=True)
    content = client.get(letter.get_absolute_url()).content.decode()
    assert f'<meta property="og:title" content="{letter.title}">' in content
    assert '<meta name="twitter:card" content="summary_large_image">' in content
    image = f"https://letters.example.org/letters/{letter.slug}/share.png?lang=en"
    assert f'<meta property="og:image" content="{image}">' in content
    assert '<meta property="og:image:width" content="1200">' in content
    assert "2 organizations have signed." in content
    assert letter.summary in content


@pytest.fixture
def signed_letter(letter):
    SignatureFactory(letter=letter, approved=True, organization="zebra Rights", country="KE")
    SignatureFactory(letter=letter, approved=True, organization="Amani Trust", country="KE")
    SignatureFactory(
        letter=letter, approved=True, organization="Ligue des droits", country="FR", website=""
    )
    SignatureFactory(letter=letter, confirmed=True, organization="Not Yet Approved")
    SignatureFactory(letter=letter, organization="Never Confirmed")
    return letter


def print_page(client, letter):
    response = client.get(reverse("signatories:print", args=[letter.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_signatories_are_grouped_by_region_then_country_then_name(client, signed_letter):
    content = print_page(client, signed_letter)
    in_print_order = ["Africa", "Kenya", "Amani Trust", "zebra Rights", "Europe", "France"]
    positions = [content.index(text) for text in [*in_print_order, "Ligue des droits"]]
    assert positions == sorted(positions)


def test_print_page_counts_organizations_and_countries(client, signed_letter):
    content = print_page(client, signed_letter)
    assert "Signed by 3 organizations from 2 countries" in content


def test_print_page_uses_singular_forms(client, letter):
    SignatureFactory(letter=letter, approved=True, country="KE")
    assert "Signed by 1 organization from 1 country" in print_page(client, letter)


def test_print_page_without_signatories_says_so(client, letter):
    content = print_page(client, letter)
    assert "No organization has signed yet." in content
    assert "Signed by" not in content


def test_print_view_shows_the_letter_and_prints_no_urls(client, signed_letter):
    content = print_page(client, signed_letter)
    assert signed_letter.title in content
    assert "The Secretary-General" in content
    assert "1 May 2024" in content
    assert "<p>Second paragraph of the letter.</p>" in content
    website = signed_letter.signatures.get(organization="Amani Trust").website
    assert "Amani Trust" in content
    assert website not in content


def test_print_page_lists_only_approved_signatures(client, signed_letter):
    content = print_page(client, signed_letter)
    assert "Not Yet Approved" not in content
    assert "Never Confirmed" not in content


def test_print_page_never_shows_contact_data(client, letter):
    signature = SignatureFactory(
        letter=letter, approved=True, contact_name="Wanjiru Secret", email="wanjiru@secret.example"
    )
    content = print_page(client, letter)
    assert signature.organization in content
    assert "Wanjiru Secret" not in content
    assert "wanjiru@secret.example" not in content


def test_print_page_queries_do_not_grow_with_signatories(
    client, signed_letter, django_assert_num_queries, django_capture_on_commit_callbacks
):
    def built_in_queries():
        with CaptureQueriesContext(connection) as queries:
            print_page(client, signed_letter)
        return len(queries)

    def add(count, country):
        SignatureFactory.create_batch(count, letter=signed_letter, approved=True, country=country)
        with django_capture_on_commit_callbacks(execute=True):
            mark_published(signed_letter.pk)

    print_page(client, signed_letter)  # the first copy
    add(5, "JP")
    few = built_in_queries()
    add(20, "BR")
    assert built_in_queries() == few
    # Until the next change, the stored copy: one query.
    with django_assert_num_queries(1):
        print_page(client, signed_letter)


def test_print_page_links_the_print_stylesheet_and_has_no_inline_code(client, letter):
    content = print_page(client, letter)
    assert '<link rel="stylesheet" href="/static/css/print.' in content
    assert 'media="print"' in content
    assert "<script" not in content
    assert "<style" not in content
    assert "style=" not in content


def test_print_page_of_an_unknown_letter_is_not_found(client, db):
    assert client.get(reverse("signatories:print", args=["no-such-letter"])).status_code == 404


PAGES = {
    # name: (url name, queries on a cache miss)
    # state, letter, count, named signatories, country-only ones counted per country,
    # updates, and who runs the site (then cached)
    "letter page": ("signatories:letter", 7),
    "count.json": ("signatories:count", 2),  # page-cache state, count
    # state, letter, its questions, count, page, rows, regions, site
    "directory": ("signatories:directory", 8),
    "embed": ("signatories:embed", 3),  # state, letter, count
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("signatures", [10, 1000])
def test_queries_do_not_grow_with_signatures(
    client, settings, django_assert_num_queries, page, signatures
):
    letter = LetterFactory()
    bulk_signatures(letter, signatures)
    name, expected = PAGES[page]
    url = reverse(name, args=[letter.slug])
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(0):  # served whole from the page cache
        assert client.get(url).status_code == 200


ORIGINAL_BODY = '<div class="letter-body" lang="en" dir="ltr">'


NOT_TRANSLATED = "This letter is not available in"


def _page(client, letter, language, view="signatories:letter"):
    url = reverse(view, args=[letter.slug])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_original_text_on_an_arabic_page_keeps_its_own_language_and_direction(client, letter):
    content = _page(client, letter, "ar")

    assert '<html lang="ar" dir="rtl">' in content
    assert f'<h1 lang="en" dir="ltr">{letter.title}</h1>' in content
    assert ORIGINAL_BODY in content
    assert _page(client, letter, "ar", "signatories:print").count('lang="en" dir="ltr"') == 2


def test_translated_text_takes_the_pages_language(client, letter):
    LetterTranslation.objects.create(
        letter=letter, language="ar", title="رسالة مفتوحة", summary="ملخص", body="الفقرة."
    )
    content = _page(client, letter, "ar")

    assert "<h1>رسالة مفتوحة</h1>" in content
    assert '<div class="letter-body">' in content
    assert 'lang="en"' not in content.split("<main")[1]


def test_untranslated_letter_says_so_and_links_to_the_languages_it_can_be_read_in(client, letter):
    LetterTranslation.objects.create(letter=letter, language="es", title="Carta", body="Texto.")
    with_note = _page(client, letter, "en", "signatories:letter")
    client.cookies["django_language"] = "fr"
    content = client.get(letter.get_absolute_url()).content.decode()

    assert NOT_TRANSLATED not in with_note  # English is the letter's own language
    assert "Cette lettre n’est pas disponible en" in content
    assert "?language=en&amp;next=/letters/" in content
    assert 'hreflang="es">español</a>' in content
    assert 'hreflang="fr"' not in content.split("<main")[1]  # the head lists every language


def test_translated_letter_has_no_note(client, letter):
    LetterTranslation.objects.create(letter=letter, language="es", title="Carta", body="Texto.")

    assert "no está disponible" not in _page(client, letter, "es")


@pytest.mark.parametrize(
    "view", ["signatories:letter", "signatories:directory", "signatories:print"]
)
def test_letter_pages_are_described_by_the_letters_summary(client, letter, view):
    LetterTranslation.objects.create(letter=letter, language="fr", summary="Résumé en français")

    content = _page(client, letter, "fr", view)

    assert content.count('<meta name="description"') == 1
    assert '<meta name="description" content="Résumé en français">' in content


def test_other_pages_have_a_general_description_and_every_page_the_sites_icon(client, letter):
    content = _page(client, letter, "es", "signatories:sign")

    assert '<meta name="description" content="Una carta abierta: léala' in content
    for name in ("favicon.ico", "favicon.svg", "apple-touch-icon.png"):
        stem, extension = name.rsplit(".", 1)
        assert f'href="/static/{stem}.' in content and f'.{extension}"' in content
        assert finders.find(name)


def test_the_count_is_the_hero_with_the_goal_and_the_sign_button(client, letter):
    """Issue 23, item 2: the count, an optional goal's progress bar and the Sign button
    together, and a Sign button that stays in reach while the letter is read."""
    letter.signature_goal = 1000
    letter.save()
    bulk_signatures(letter, 462)
    content = client.get(letter.get_absolute_url()).content.decode()
    hero = content[content.index('<section class="hero"') : content.index("</section>")]
    assert '<span id="signatory-count">462</span>' in hero
    assert '<progress class="hero-progress" id="goal-progress" max="1000" value="462">' in hero
    assert "Goal: 1000 organizations" in hero
    assert reverse("signatories:sign", args=[letter.slug]) in hero
    assert '<p class="sign-bar">' in content


def test_a_letter_without_a_goal_shows_no_progress_bar(client, letter):
    content = client.get(letter.get_absolute_url()).content.decode()
    assert "<progress" not in content


def test_the_directory_states_named_and_matching_counts_in_the_same_words(client, letter):
    """Issue 23, item 5: the directory's figures are the letter page's: signed, named,
    unnamed, and how many named organizations match a search."""
    bulk_signatures(letter, 5)
    SignatureFactory(letter=letter, approved=True, listing="country", country="KZ")
    url = reverse("signatories:directory", args=[letter.slug])
    text = " ".join(client.get(url).content.decode().split())
    letter_text = " ".join(client.get(letter.get_absolute_url()).content.decode().split())
    for words in ("5 are named; 1 asked not to be named.", '<span id="signatory-count">6</span>'):
        assert words in text and words in letter_text
    assert "5 named organizations" in text
    assert "results</h2>" not in text
    searched = " ".join(client.get(url, {"query": "00003"}).content.decode().split())
    assert "1 named organization matches this search" in searched


def test_the_directory_filters_fold_away_unless_a_search_is_made(client, letter):
    url = reverse("signatories:directory", args=[letter.slug])
    assert '<details class="directory-filters">' in client.get(url).content.decode()
    searched = client.get(url, {"country": "KE"}).content.decode()
    assert '<details class="directory-filters" open>' in searched
