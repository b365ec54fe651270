"""The letter the project launches with, parsed from the text the coalition published."""

import datetime
import re
from pathlib import Path

SEED_FILE = Path(__file__).with_name("joint-ngo-letter-2018.txt")

SEED_LETTER = {
    "slug": "joint-ngo-letter-2018",
    "title": "Joint NGO letter to the new UN High Commissioner for Human Rights Michelle Bachelet",
    "recipient": "UN High Commissioner for Human Rights",
    "date": datetime.date(2018, 9, 5),
}

_SENTENCE_END = (".", "!", "?", ":", '"', "”", ")")


def strip_markup(text):
    """The published text marks emphasis with Markdown's ** which a page must not show."""
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text).replace("**", "")


def parse_paragraphs(text):
    """Split on blank lines, joining a paragraph the source broke mid-sentence."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        block = " ".join(block.split())
        if paragraphs and not paragraphs[-1].endswith(_SENTENCE_END):
            paragraphs[-1] = f"{paragraphs[-1]} {block}"
        else:
            paragraphs.append(block)
    return paragraphs


def without_count(summary):
    """The summary without the number of signatories it opens with ("750+ organizations
    highlight..."): the page states the live count, and no other."""
    rest = re.sub(r"^[\d.,\s]+\+?\s*", "", summary)
    return rest[:1].upper() + rest[1:]


def parse_seed(text):
    """Return the letter's fields from the published text: its first line is the summary
    (less the count it opens with) followed by the title and date, the rest is the body."""
    first_line, _, rest = strip_markup(text).partition("\n")
    summary = without_count(first_line.split(SEED_LETTER["title"])[0].strip())
    return {
        **SEED_LETTER,
        "summary": summary,
        "body": "\n\n".join(parse_paragraphs(rest)),
    }


def load_seed():
    return parse_seed(SEED_FILE.read_text(encoding="utf-8"))
