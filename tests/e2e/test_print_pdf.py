"""The delivery page printed to PDF by Chromium carries the letter and its signatories, and
the print stylesheet puts the signatories on a page of their own."""

import io

import pytest
from django.urls import reverse

from tests.factories import LetterFactory, SignatureFactory, bulk_signatures

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


def test_750_signatories_and_the_letter_fit_on_at_most_12_a4_pages(browser, site):
    from pypdf import PdfReader

    letter = LetterFactory(title="Letter for the long PDF test")
    bulk_signatures(letter, 750)

    page = browser.new_page()
    page.goto(f"{site.url}{reverse('signatories:print', args=[letter.slug])}")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]

    text = "\n".join(pages)
    assert "Organization 00000" in text and "Organization 00749" in text
    assert len(pages) <= 12
