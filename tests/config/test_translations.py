import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

LOCALES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.mark.parametrize("language", LOCALES)
def test_every_message_is_translated_and_compiled(language):
    po = Path(settings.BASE_DIR, "locale", language, "LC_MESSAGES", "django.po")
    mo = po.with_suffix(".mo")
    text = po.read_text(encoding="utf-8")
    entries = re.split(r"\n\n", text)[1:]  # the first block is the header
    untranslated = [
        e
        for e in entries
        if re.search(r'^msgstr(\[\d\])? ""\n?$', e, re.M)
        and not re.search(r'^msgstr(\[\d\])? ""\n"', e, re.M)
    ]
    assert untranslated == []
    assert "#, fuzzy" not in text
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime - 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Signer cette lettre"), ("es", "Firmar esta carta"), ("ar", "وقّع على هذه الرسالة")],
)
def test_interface_strings_are_served_translated(language, expected):
    with translation.override(language):
        assert gettext("Sign this letter") == expected
