"""Updates on a letter as readers see them: in their language (each field falling back to
the original), newest first, with their body rendered to safe HTML by one function."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse

from config.site_url import absolute_url

from .markdown import render_markdown
from .models import LetterUpdate, LetterUpdateTranslation


def render_update_body(text: str) -> str:
    """The body of an update as safe HTML, in the letter's Markdown subset: the one place
    that renders it, for the letter page, the print view, the open data and the emails."""
    return render_markdown(text)


@dataclass(frozen=True)
class TranslatedUpdate:
    pk: int
    title: str
    published_on: object
    body: str
    language: str
    # The language the title and body show in: the original where not translated.
    title_language: str
    body_language: str
    attachment_url: str
    is_delivery = False

    @property
    def body_html(self):
        return render_update_body(self.body)


def attachment_path(update) -> str:
    if not update.has_attachment:
        return ""
    return reverse("letter:update_attachment", kwargs={"slug": update.letter.slug, "pk": update.pk})


def translate_update(update, language, translation=None) -> TranslatedUpdate:
    """`update` in `language`, given its translation in that language (or None)."""
    original = settings.LANGUAGE_CODE
    title = (translation and translation.title) or update.title
    body = (translation and translation.body) or update.body
    return TranslatedUpdate(
        pk=update.pk,
        title=title,
        published_on=update.published_on,
        body=body,
        language=language,
        title_language=language if translation and translation.title else original,
        body_language=language if translation and translation.body else original,
        attachment_url=attachment_path(update),
    )


def published_updates(letter, language) -> list[TranslatedUpdate]:
    """The letter's updates, newest first, in `language`: two queries however many."""
    translations = LetterUpdateTranslation.objects.filter(language=language)
    updates = (
        LetterUpdate.objects.filter(letter=letter)
        .defer("attachment")
        .select_related("letter")
        .prefetch_related(Prefetch("translations", queryset=translations, to_attr="in_language"))
        .newest_first()
    )
    return [
        translate_update(update, language, next(iter(update.in_language), None))
        for update in updates
    ]


@dataclass(frozen=True)
class Delivery:
    """The letter's delivery, as an entry of its timeline."""

    published_on: object
    is_delivery = True


def timeline(letter, language) -> list:
    """The updates and the delivery (if any), newest first; on one day, the delivery first
    (updates that day follow from it)."""
    entries = published_updates(letter, language)
    if letter.delivered_on:
        at = next(
            (i for i, u in enumerate(entries) if u.published_on <= letter.delivered_on),
            len(entries),
        )
        entries.insert(at, Delivery(published_on=letter.delivered_on))
    return entries


def updates_data(letter) -> list[dict]:
    """The letter's updates as open data: every language, Markdown source and HTML."""
    updates = (
        LetterUpdate.objects.filter(letter=letter)
        .defer("attachment")
        .select_related("letter")
        .prefetch_related("translations")
        .newest_first()
    )
    return [_update_data(update) for update in updates]


def _update_data(update):
    return {
        "id": update.pk,
        "date": update.published_on.isoformat(),
        "title": update.title,
        "body": update.body,
        "body_html": str(render_update_body(update.body)),
        "language": settings.LANGUAGE_CODE,
        "attachment": absolute_url(attachment_path(update)) if update.has_attachment else None,
        "translations": {
            t.language: {
                "title": t.title or update.title,
                "body": t.body or update.body,
                "body_html": str(render_update_body(t.body or update.body)),
            }
            for t in update.translations.all()
        },
    }
