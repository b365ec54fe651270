"""Who runs the site: set by a superuser in the admin (environment variables as defaults),
shown in the header, the footer, the privacy notice and every email, at once after a change."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from letter.models import Coalition
from signatories.mail.outbox import build_email
from signatories.models import Notification
from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


def _png(size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    return buffer.getvalue()


def _edit(admin_client, **data):
    existing = Coalition.objects.first()
    url = (
        reverse("admin:letter_coalition_change", args=[existing.pk])
        if existing
        else reverse("admin:letter_coalition_add")
    )
    fields = {"name": "", "website": "", "contact_email": "", "accent_color": "", **data}
    return admin_client.post(url, fields)


def test_environment_gives_the_defaults(client, letter, settings):
    settings.COALITION_NAME = "Env Coalition"
    settings.COALITION_CONTACT_EMAIL = "hello@env.example.org"
    content = client.get(letter.get_absolute_url()).content.decode()
    assert "Env Coalition" in content
    assert 'href="mailto:hello@env.example.org"' in content
    assert f'href="{reverse("letter:privacy")}"' in content


def test_a_change_in_the_admin_shows_at_once_on_cached_pages(
    admin_client, client, letter, django_capture_on_commit_callbacks
):
    page = letter.get_absolute_url()
    client.get(page)  # now in the page cache
    assert "Rights Coalition" not in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(
            admin_client,
            name="Rights Coalition",
            website="https://coalition.example.org",
            contact_email="team@coalition.example.org",
        )
    assert response.status_code == 302
    content = client.get(page).content.decode()
    assert "Rights Coalition" in content
    assert 'href="https://coalition.example.org"' in content
    assert "team@coalition.example.org" in content
    assert Coalition.objects.count() == 1


def test_a_png_logo_is_served_from_the_database_and_cached_long(admin_client, client, letter):
    upload = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    assert _edit(admin_client, name="Logo Coalition", logo_upload=upload).status_code == 302
    content = client.get(letter.get_absolute_url()).content.decode()
    src = content.split('class="site-logo" src="')[1].split('"')[0]
    assert 'width="40" height="20"' in content
    logo = client.get(src)
    assert logo["Content-Type"] == "image/png"
    assert "immutable" in logo["Cache-Control"]
    # Encoded again on upload (letter/logo.py): the same picture, not the same bytes.
    with Image.open(io.BytesIO(logo.content)) as served, Image.open(io.BytesIO(_png())) as sent:
        assert served.format == "PNG" and list(served.getdata()) == list(sent.getdata())


@pytest.mark.parametrize(
    "name, content",
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("logo.png", b"\x89PNG\r\n\x1a\nnot really a picture"),
    ],
)
def test_a_logo_that_is_not_a_png_or_jpeg_is_refused(admin_client, name, content):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = _edit(admin_client, name="X", logo_upload=upload)
    assert response.status_code == 200
    assert "The logo must be a PNG or JPEG image." in response.content.decode()
    assert not Coalition.objects.exists()


def test_every_email_replies_to_the_coalition_and_says_who_sends_it(admin_client, letter):
    _edit(admin_client, name="Rights Coalition", contact_email="team@coalition.example.org")
    signature = SignatureFactory(letter=letter)
    notification = Notification.objects.create(signature=signature, kind="confirm")
    message = build_email(notification)
    assert message.reply_to == ["team@coalition.example.org"]
    assert "Sent by Rights Coalition, who runs this site." in message.body
    assert "/privacy/" in message.body
    assert "Rights Coalition" in message.alternatives[0][0]


def test_an_email_without_a_contact_address_has_no_reply_to(letter, settings):
    settings.COALITION_CONTACT_EMAIL = ""
    notification = Notification.objects.create(
        signature=SignatureFactory(letter=letter), kind="confirm"
    )
    assert build_email(notification).reply_to == []


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_privacy_notice_states_the_configured_periods_in_every_language(client, settings, language):
    settings.CONTACT_DATA_RETENTION_DAYS = 45
    settings.UNCONFIRMED_SIGNATURE_MAX_AGE_DAYS = 12
    settings.SIGNATURE_CONFIRM_MAX_AGE = 3 * 86400
    settings.COALITION_CONTACT_EMAIL = "privacy@coalition.example.org"
    response = client.get(reverse("letter:privacy"), HTTP_ACCEPT_LANGUAGE=language)
    content = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{language}"' in content
    for number in ("45", "12", "3"):
        assert f" {number} " in content
    assert 'href="mailto:privacy@coalition.example.org"' in content


def test_the_sign_form_links_the_privacy_notice(client, letter):
    content = client.get(reverse("signatories:sign", args=[letter.slug])).content.decode()
    assert f'href="{reverse("letter:privacy")}"' in content


@pytest.mark.parametrize(
    "language, opt_in, stop",
    [
        ("en", "Email me updates about this letter", "stopping does not withdraw your signature"),
        ("fr", "M’envoyer par e-mail des nouvelles", "les arrêter ne retire pas votre signature"),
        ("es", "Enviarme por correo novedades", "dejar de recibirlas no retira su firma"),
        ("ar", "أرسلوا إليّ مستجدات هذه الرسالة", "وإيقافها لا يسحب توقيعك"),
    ],
)
def test_privacy_notice_explains_the_updates_opt_in_in_every_language(
    client, settings, language, opt_in, stop
):
    """What ticking "Email me updates" means, how to stop, and when the choice is erased."""
    settings.CONTACT_DATA_RETENTION_DAYS = 45
    content = client.get(reverse("letter:privacy"), {"lang": language}).content.decode()
    paragraph = next(p for p in content.split("<p>") if opt_in in p)
    assert stop in paragraph
    assert " 45 " in paragraph  # erased with the contact details, after the configured days


def test_branded_by_default_with_the_accent_colour_from_the_environment_or_the_admin(
    admin_client, client, letter, settings, django_capture_on_commit_callbacks
):
    """Issue 23, item 3: the accent colour, from COALITION_ACCENT_COLOR until the admin sets
    one, reaches the pages (as a stylesheet of custom properties), the emails and the share
    image."""
    page = letter.get_absolute_url()
    assert 'href="/coalition-' not in client.get(page).content.decode()  # the default
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            _edit(admin_client, name="Rights Coalition", accent_color="#b4261a").status_code == 302
        )
    content = client.get(page).content.decode()
    css_url = re.search(r'href="(/coalition-[0-9a-f]{16}\.css)"', content).group(1)
    css = client.get(css_url)
    assert css["Content-Type"].startswith("text/css")
    assert "--accent:#b4261a;" in css.content.decode()
    assert "immutable" in css["Cache-Control"]
    assert '<meta name="theme-color" content="#b4261a">' in content
    signature = SignatureFactory(letter=letter)
    email = build_email(Notification.objects.create(signature=signature, kind="confirm"))
    assert "#b4261a" in email.alternatives[0][0]


def test_an_accent_too_light_for_white_text_is_darkened_for_links(settings):
    from letter.accent import contrast, palette

    colours = palette("#ffd43b")
    assert contrast(colours["accent-text"], "#ffffff") >= 4.5
    assert contrast(colours["accent"], colours["on-accent"]) >= 4.5


def test_make_run_says_how_to_create_the_administrator_who_sets_the_brand():
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    run = makefile[makefile.index("\nrun: install") :]
    assert "manage.py createsuperuser" in run[: run.index("runserver")]
    assert "Letters > Coalition" in run[: run.index("runserver")]


def test_coalition_website_typed_without_a_scheme_is_https(admin_client, letter):
    response = _edit(admin_client, name="Rights Coalition", website="coalition.example.org")
    assert response.status_code == 302
    assert Coalition.objects.get().website == "https://coalition.example.org"
