"""Updates on a letter as the public sees them: the timeline on the letter page, in the
reader's language, escaped; the PDF download; and the admin where coordinators publish."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from letter.models import LetterUpdate, LetterUpdateTranslation
from letter.public_version import public_state_for_slug
from letter.updates import render_update_body
from signatories.moderation.coordinators import COORDINATORS_GROUP
from tests.factories import LetterUpdateFactory, SignatureFactory

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def letter_page(client, letter, language="en"):
    url = reverse("signatories:letter", args=[letter.slug])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_updates_show_on_the_letter_page_newest_first_with_the_delivery(client, letter):
    letter.delivered_on = datetime.date(2024, 6, 10)
    letter.save()
    LetterUpdateFactory(letter=letter, title="Older news", published_on=datetime.date(2024, 6, 1))
    LetterUpdateFactory(letter=letter, title="Newest news", published_on=datetime.date(2024, 7, 1))
    page = letter_page(client, letter)
    newest, delivered, older = (page.index(s) for s in ("Newest news", "Delivered on", "Older"))
    assert newest < delivered < older
    assert page.index("letter-body") < page.index('id="updates-heading"')


def test_a_letter_without_updates_shows_no_updates_section(client, letter):
    assert 'id="updates-heading"' not in letter_page(client, letter)


def test_update_body_is_rendered_like_the_letters_markdown_and_stays_inert():
    html = render_update_body("First <script>x</script>\nline two\n\n**Second**")
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert html.count("<p>") == 2 and "<strong>Second</strong>" in html


def test_updates_show_in_the_readers_language_or_the_original(client, letter):
    update = LetterUpdateFactory(letter=letter, title="Meeting held", body="Original body")
    LetterUpdateTranslation.objects.create(update=update, language="fr", title="Réunion tenue")
    page = letter_page(client, letter, "fr")
    assert "Réunion tenue" in page
    assert 'lang="en" dir="auto">' in page and "Original body" in page  # not translated
    assert "Meeting held" in letter_page(client, letter, "es")


def test_publishing_an_update_changes_the_cached_letter_page(
    client, letter, django_capture_on_commit_callbacks
):
    assert "Fresh news" not in letter_page(client, letter)
    version = public_state_for_slug(letter.slug).public_version
    with django_capture_on_commit_callbacks(execute=True):
        update = LetterUpdateFactory(letter=letter, title="Fresh news")
    assert public_state_for_slug(letter.slug).public_version > version
    assert "Fresh news" in letter_page(client, letter)
    with django_capture_on_commit_callbacks(execute=True):
        LetterUpdateTranslation.objects.create(update=update, language="fr", title="Du neuf")
    assert "Du neuf" in letter_page(client, letter, "fr")
    with django_capture_on_commit_callbacks(execute=True):
        update.delete()
    assert "Fresh news" not in letter_page(client, letter)


def test_letter_page_queries_do_not_grow_with_updates(
    client, letter, django_assert_num_queries, django_capture_on_commit_callbacks
):
    url = reverse("signatories:letter", args=[letter.slug])
    # Each change publishes a new version, so the page is rendered afresh, not replayed.
    with django_capture_on_commit_callbacks(execute=True):
        LetterUpdateFactory(letter=letter)
    client.get(url)  # who runs the site is read once, then cached: not counted
    with django_capture_on_commit_callbacks(execute=True):
        LetterUpdateFactory(letter=letter)
    with CaptureQueriesContext(connection) as with_one:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        LetterUpdateFactory.create_batch(48, letter=letter)
    with django_assert_num_queries(len(with_one)):
        page = client.get(url)
    assert page.content.decode().count('class="update mb-4"') == 50


def test_attachment_is_served_as_a_pdf_download(client, letter):
    update = LetterUpdateFactory(letter=letter, attachment=PDF, attachment_name="reply.pdf")
    response = client.get(reverse("letter:update_attachment", args=[letter.slug, update.pk]))
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="reply.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'href="/letters/' in letter_page(client, letter)


def test_an_update_without_attachment_has_no_download(client, letter):
    update = LetterUpdateFactory(letter=letter)
    url = reverse("letter:update_attachment", args=[letter.slug, update.pk])
    assert client.get(url).status_code == 404


@pytest.fixture
def coordinator_client(client, db):
    user = get_user_model().objects.create_user("coord", password="x-Long-pass-42", is_staff=True)
    user.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    client.force_login(user)
    return client


def add_update(client, letter, **changes):
    data = {
        "letter": letter.pk,
        "title": "We delivered it",
        "published_on": "2024-06-02",
        "body": "Handed over today.",
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "0",
        "translations-0-language": "es",
        "translations-0-title": "Lo entregamos",
        "translations-0-body": "",
        **changes,
    }
    return client.post(reverse("admin:letter_letterupdate_add"), data)


def test_coordinator_publishes_an_update_with_a_pdf(coordinator_client, letter):
    response = add_update(
        coordinator_client, letter, pdf=SimpleUploadedFile("Our reply (final).pdf", PDF)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = LetterUpdate.objects.get()
    assert bytes(update.attachment) == PDF
    assert update.attachment_name == "Our-reply-final.pdf"
    assert update.translations.get().title == "Lo entregamos"


def test_admin_refuses_a_file_that_is_not_a_pdf(coordinator_client, letter):
    fake = SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script>")
    response = add_update(coordinator_client, letter, pdf=fake)
    assert "This is not a PDF file." in response.content.decode()
    assert not LetterUpdate.objects.exists()


def test_admin_refuses_a_pdf_over_the_size_limit(coordinator_client, letter, settings):
    settings.UPDATE_ATTACHMENT_MAX_BYTES = 100
    response = add_update(coordinator_client, letter, pdf=SimpleUploadedFile("a.pdf", PDF * 5))
    assert "The file is too large" in response.content.decode()
    assert not LetterUpdate.objects.exists()


def test_coordinators_never_see_signatures(coordinator_client, letter):
    SignatureFactory(letter=letter, email="private@ngo.example")
    response = coordinator_client.get(reverse("admin:signatories_signature_changelist"))
    assert response.status_code == 403
    updates = coordinator_client.get(reverse("admin:letter_letterupdate_changelist"))
    assert updates.status_code == 200
    sends = coordinator_client.get(reverse("admin:signatories_updatesend_changelist"))
    assert sends.status_code == 200


def test_a_letter_is_marked_delivered_in_the_admin(admin_client, letter):
    page = admin_client.get(reverse("admin:letter_letter_change", args=[letter.pk]))
    assert 'name="delivered_on"' in page.content.decode()


def test_coordinator_replaces_or_removes_the_pdf(coordinator_client, letter):
    update = LetterUpdateFactory(letter=letter, attachment=PDF, attachment_name="old.pdf")
    url = reverse("admin:letter_letterupdate_change", args=[update.pk])
    data = {
        "letter": letter.pk,
        "title": update.title,
        "published_on": "2024-06-02",
        "body": update.body,
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
    }
    new_pdf = PDF + b"% new\n"
    coordinator_client.post(url, {**data, "pdf": SimpleUploadedFile("new.pdf", new_pdf)})
    update.refresh_from_db()
    assert (bytes(update.attachment), update.attachment_name) == (new_pdf, "new.pdf")
    coordinator_client.post(url, {**data, "remove_pdf": "on"})
    update.refresh_from_db()
    assert (bytes(update.attachment), update.attachment_name) == (b"", "")
