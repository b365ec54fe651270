"""The pages that show updates are valid HTML (the Nu HTML Checker), in English and Arabic."""

import datetime

from django.urls import reverse

from letter.models import LetterUpdateTranslation
from signatories.tokens import make_unsubscribe_token
from tests.e2e.test_html_validity import _errors_by_file, vnu  # noqa: F401 (the fixture)
from tests.factories import LetterUpdateFactory, SignatureFactory


def test_pages_with_updates_are_valid_html(vnu, client, letter, tmp_path):  # noqa: F811
    letter.delivered_on = datetime.date(2024, 6, 5)
    letter.save()
    update = LetterUpdateFactory(
        letter=letter,
        body="Line one\nline two\n\nAnother <b>paragraph</b>",
        attachment=b"%PDF-",
        attachment_name="reply.pdf",
    )
    LetterUpdateTranslation.objects.create(update=update, language="ar", title="تحديث")
    LetterUpdateFactory(letter=letter, published_on=datetime.date(2024, 7, 1))
    signature = SignatureFactory(letter=letter, approved=True, wants_updates=True)
    token = make_unsubscribe_token(signature.pk)
    pages = {}
    for language in ("en", "ar"):
        client.cookies["django_language"] = language
        for name, url in [
            ("letter", reverse("signatories:letter", args=[letter.slug])),
            ("embed", reverse("signatories:embed", args=[letter.slug])),
            ("print", reverse("signatories:print", args=[letter.slug])),
            ("unsubscribe", reverse("signatories:unsubscribe", args=[token])),
            ("unsubscribe-invalid", reverse("signatories:unsubscribe", args=["x"])),
        ]:
            response = client.get(url)
            assert response.status_code in (200, 400), name
            path = tmp_path / f"{language}-{name}.html"
            path.write_bytes(response.content)
            pages[str(path)] = f"{language} {name}"
    assert "Delivered on" in (tmp_path / "en-letter.html").read_text()
    errors = _errors_by_file(vnu, list(pages))
    report = [f"{pages.get(path, path)}: {e}" for path, found in errors.items() for e in found]
    assert not report, "\n".join(report)
