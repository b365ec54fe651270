"""Changing the text of a letter: each change of its title, recipient or body (or of a
translation's title or body) is recorded as a new version (letter/versions.py) with who made
it and why, and once the letter has signatures a change without a reason is refused: a
signatory agreed to a text, and the coalition must be able to say what changed since.

The admin saves the letter and its translations, then calls letter_version_record in the
same transaction, so that a refused change is never saved."""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Letter
from .public_version import mark_published
from .versions import TEXT_FIELDS, TRANSLATED_TEXT_FIELDS, LetterVersion

logger = logging.getLogger("signon.letters")


class ReasonRequired(Exception):
    """The letter has signatures: changing its text needs a reason."""


def has_signatures(letter) -> bool:
    """Whether anyone has signed: from then on its text changes only with a reason."""
    return letter.pk is not None and letter.signatures.exists()


def letter_text(letter) -> dict:
    """The letter's text as stored now, in the form LetterVersion.text() gives it."""
    stored = Letter.objects.filter(pk=letter.pk).values(*TEXT_FIELDS).get()
    rows = letter.translations.order_by("language").values("language", *TRANSLATED_TEXT_FIELDS)
    translations = {
        row["language"]: {field: row[field] for field in TRANSLATED_TEXT_FIELDS} for row in rows
    }
    return {**stored, "translations": translations}


@transaction.atomic
def letter_version_record(*, letter: Letter, reason: str = "", author=None):
    """Record the letter's stored text as a new version if it differs from the last one
    recorded, and make it the version new signatures agree to. Returns the new version, or
    None when the text is unchanged; ReasonRequired, changing nothing, when the letter has
    signatures and no reason is given."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    text = letter_text(letter)
    latest = letter.versions.order_by("number").last()
    if latest is not None and latest.text() == text:
        return None
    reason = reason.strip()
    if latest is not None and not reason and has_signatures(letter):
        raise ReasonRequired(letter.pk)
    number = latest.number + 1 if latest is not None else letter.text_version
    version = LetterVersion.objects.create(
        letter=letter, number=number, reason=reason, changed_by=author, **text
    )
    Letter.objects.filter(pk=letter.pk).update(text_version=number)
    mark_published(letter.pk)  # the sign-on form's letter then carries the new number
    logger.info(
        "letter text version recorded",
        extra={"letter_id": letter.pk, "version": number, "user_id": getattr(author, "pk", None)},
    )
    return version


@receiver(post_save, sender=Letter)
def _first_version(sender, instance, created, raw=False, **kwargs):
    """A new letter's text is its first version."""
    if created and not raw:
        letter_version_record(letter=instance)
