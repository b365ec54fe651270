"""The delivery page printed to PDF by Chromium carries the letter and its signatories, and
the print stylesheet puts the signatories on a page of their own."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from letter.models import Letter
from letter.public_version import mark_published
from signatories.models import Signature
from tests.factories import LetterFactory, SignatureFactory

SEEDED = "joint-ngo-letter-2018"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_print_page_renders_to_a_pdf_with_the_letter_and_its_signatories(browser, site):
    from pypdf import PdfReader

    letter = LetterFactory(title="Letter for the PDF test")
    SignatureFactory(
        letter=letter, approved=True, organization="Colectivo Defensoras", country="MX"
    )
    SignatureFactory(letter=letter, confirmed=True, organization="Awaiting Review Group")

    page = browser.new_page()
    page.goto(f"{site.url}{reverse('signatories:print', args=[letter.slug])}")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]

    text = "\n".join(pages)
    assert "Letter for the PDF test" in text
    assert "Colectivo Defensoras" in text
    assert "Awaiting Review Group" not in text
    assert "Open letter" not in pages[0]  # the site header is hidden on paper
    assert len(pages) == 2
    assert "Letter for the PDF test" in pages[0]
    assert "Colectivo Defensoras" not in pages[0]
    assert "Colectivo Defensoras" in pages[1]


def test_750_signatories_and_the_letter_fit_on_at_most_6_a4_pages(browser, site):
    """Issue 23, item 6: the seed letter with 750 demo signatories (realistic names, some
    named, some by country only, some unlisted), printed by Chromium: at most 6 A4 pages,
    no web address, and the unnamed counted per country rather than repeated."""
    from pypdf import PdfReader

    call_command("demo_signatures", SEEDED, "--count", "750", "--force", stdout=io.StringIO())
    letter = Letter.objects.get(slug=SEEDED)
    with transaction.atomic():
        Signature.objects.filter(letter=letter).update(status=Signature.Status.APPROVED)
        mark_published(letter.pk)
    named = list(letter.signatures.filter(listing="named").values_list("organization", flat=True))

    page = browser.new_page()
    page.goto(f"{site.url}{reverse('signatories:print', args=[letter.slug])}")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]

    text = " ".join(" ".join(pages).split())
    assert len(pages) <= 6
    assert "Signed by 750 organizations" in text
    assert "http" not in text and ".example" not in text
    assert "An organization in" not in text
    # pypdf gives back Latin-script text as typed (line breaks aside), but not scripts whose
    # letters are shaped or reordered on the page (Arabic, Devanagari...).
    latin = [name for name in named if all(ord(c) < 0x250 for c in name)]
    assert len(latin) > len(named) / 2
    assert sum(name in text for name in latin) >= 0.95 * len(latin)
