from dataclasses import dataclass

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The subset letter/markdown.py renders; anything else shows as typed.
BODY_HELP = _(
    "Paragraphs separated by a blank line. Formatting: # Heading, - bulleted list, "
    "1. numbered list, > quotation, *emphasis*, **strong**, [link text](https://…). "
    "To start a line with a number and a full stop without making a list, write 2018\\. "
    "The preview below shows the saved text."
)


class LetterQuerySet(models.QuerySet):
    def open_for_signing(self, now=None):
        now = now or timezone.now()
        return self.filter(
            Q(signing_closes_at__isnull=True) | Q(signing_closes_at__gt=now),
            signing_opens_at__lte=now,
        )

    def newest_first(self):
        return self.order_by("-signing_opens_at", "-date", "-pk")


class Letter(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    recipient = models.CharField(_("recipient"), max_length=300)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("body"), help_text=BODY_HELP)
    date = models.DateField(_("date"))
    signing_opens_at = models.DateTimeField(_("signing opens at"), default=timezone.now)
    signing_closes_at = models.DateTimeField(
        _("signing closes at"), null=True, blank=True, help_text=_("Leave empty to keep open.")
    )
    signing_paused = models.BooleanField(
        _("signing paused"),
        default=False,
        help_text=_("The form accepts nothing while paused, and shows the message below."),
    )
    # Bumped with every change the public sees; see letter/public_version.py.
    public_version = models.PositiveBigIntegerField(default=0, editable=False)
    # The number of the current version of the text (letter/versions.py), which a new
    # signature records; set by letter/revisions.py only.
    text_version = models.PositiveIntegerField(default=1, editable=False)
    public_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    pause_message = models.TextField(
        _("message while paused"),
        blank=True,
        help_text=_("Shown on the letter and the form while signing is paused."),
    )
    delivered_on = models.DateField(
        _("delivered on"),
        null=True,
        blank=True,
        help_text=_("The day the letter was handed to its recipient; shown on the letter page."),
    )
    signature_goal = models.PositiveIntegerField(
        _("goal"),
        null=True,
        blank=True,
        help_text=_("How many organizations the coalition hopes for; shown as a progress bar."),
    )

    # Two standard questions a coordinator switches on (see signatories.questions).
    asks_role = models.BooleanField(_("ask the contact's role in the organization"), default=False)
    asks_authority = models.BooleanField(_("require a statement of authority"), default=False)

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-signing_opens_at"]
        # Coordinators may change a letter (its delivery) but not this: its text, its
        # dates and its pause (see letter/admin.py).
        permissions = [("change_letter_text", _("Can change a letter's text, dates and pause"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(signing_closes_at__isnull=True)
                | Q(signing_closes_at__gt=models.F("signing_opens_at")),
                name="letter_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return self.title

    # Written in the database only: by letter.public_version.mark_published, and the text's
    # version by letter.revisions.
    _PUBLICATION_FIELDS = frozenset({"public_version", "public_changed_at", "text_version"})

    def save(self, *args, update_fields=None, **kwargs):
        # Any edit (text, dates, pause) changes what the public pages show. The version is
        # bumped in the database, never from this instance, which may be stale: writing it
        # back could move the version backwards, to a number whose cached count is old.
        # letter/public_version.py bumps it on post_save, inside this transaction.
        if update_fields is not None:
            update_fields = set(update_fields) - self._PUBLICATION_FIELDS
        elif not self._state.adding:
            update_fields = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self._PUBLICATION_FIELDS
            ]
        with transaction.atomic():
            super().save(*args, update_fields=update_fields, **kwargs)
            self.refresh_from_db(fields=sorted(self._PUBLICATION_FIELDS))

    def get_absolute_url(self):
        return reverse("signatories:letter", kwargs={"slug": self.slug})

    def translated(self, language):
        """The letter as a reader of `language` reads it: each field of its translation, or
        the original where there is no translation or the field is left empty."""
        text = {"title": self.title, "summary": self.summary, "body": self.body}
        if language != settings.LANGUAGE_CODE:
            translation = self.translations.filter(language=language).values(*text).first()
            text.update((field, value) for field, value in (translation or {}).items() if value)
        return TranslatedLetter(language=language, **text)

    def signing_state(self, now=None):
        """'open', 'paused', 'not_yet_open' or 'closed': what the sign-on form does now."""
        now = now or timezone.now()
        if self.signing_paused:
            return "paused"
        if now < self.signing_opens_at:
            return "not_yet_open"
        if self.signing_closes_at is not None and now >= self.signing_closes_at:
            return "closed"
        return "open"

    @property
    def is_open(self):
        return self.signing_state() == "open"


@dataclass(frozen=True)
class TranslatedLetter:
    """A letter's text in one language, to show; see Letter.translated."""

    language: str
    title: str
    summary: str
    body: str
    # The language the letter was written in: the one a field shows in when untranslated.
    original_language: str = settings.LANGUAGE_CODE

    @property
    def paragraphs(self):
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]


class Translation(models.Model):
    """A text in another language, one per language, of the row its subclass names in
    `original_field`; the subclass declares that row's foreign key and the texts."""

    original_field: str
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    class Meta:
        abstract = True
        verbose_name = _("translation")
        verbose_name_plural = _("translations")

    def __str__(self):
        return f"{getattr(self, self.original_field)} ({self.get_language_display()})"


class LetterTranslation(Translation):
    """The letter's text in another language; an empty field falls back to the original."""

    original_field = "letter"
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=300, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("body"), blank=True, help_text=BODY_HELP)

    class Meta(Translation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "language"], name="one_translation_per_language"
            )
        ]


class Coalition(models.Model):
    """Who publishes the letters: one row, edited by a superuser in the admin. An empty field
    falls back to its environment variable (COALITION_NAME, ...); see letter/coalition.py."""

    SINGLETON_ID = 1

    name = models.CharField(_("name"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_("Replies to every email the site sends go here; shown on the privacy notice."),
    )
    # The logo's bytes, checked to be a PNG or JPEG image on upload (letter/admin.py) and
    # served from the database by letter.views.logo: no media storage to run, and no SVG,
    # which could carry a script.
    accent_color = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("A colour such as #0b5ed7."))],
        help_text=_("The colour of buttons, links and the count, as #rrggbb."),
    )
    logo = models.BinaryField(_("logo"), blank=True, default=b"", editable=False)
    logo_type = models.CharField(max_length=20, blank=True, editable=False)
    logo_width = models.PositiveIntegerField(default=0, editable=False)
    logo_height = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("coalition")
        verbose_name_plural = _("coalition")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="one_coalition"),
        ]

    def __str__(self):
        return self.name or str(_("Coalition"))

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_ID
        super().save(*args, **kwargs)


class LetterUpdateQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-published_on", "-pk")


class LetterUpdate(models.Model):
    """News about the letter for its signatories and the public (a meeting, a reply, the
    delivery), shown on the letter page and emailed to the signers who asked for it. The
    attachment is kept in the database: one backup, no media volume to share between web
    processes, served by letter.views.update_attachment."""

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="updates", verbose_name=_("letter")
    )
    title = models.CharField(_("title"), max_length=300)
    published_on = models.DateField(_("date"), default=timezone.localdate)
    body = models.TextField(_("body"), help_text=_("Paragraphs separated by a blank line."))
    attachment = models.BinaryField(_("PDF attachment"), blank=True, editable=False, default=b"")
    attachment_name = models.CharField(_("attachment's file name"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LetterUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-published_on", "-pk"]

    def __str__(self):
        return self.title

    @property
    def has_attachment(self):
        return bool(self.attachment_name)


class LetterUpdateTranslation(Translation):
    """An update's text in another language; an empty field falls back to the original."""

    original_field = "update"
    update = models.ForeignKey(LetterUpdate, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=300, blank=True)
    body = models.TextField(_("body"), blank=True)

    class Meta(Translation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["update", "language"], name="one_update_translation_per_language"
            )
        ]


# The versions of the text and the questions are models of this app, in modules of their own.
from letter.questions import Question, QuestionTranslation  # noqa: E402, F401
from letter.versions import LetterVersion  # noqa: E402, F401
