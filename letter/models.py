from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
    body = models.TextField(_("body"), help_text=_("Paragraphs separated by a blank line."))
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
    pause_message = models.TextField(
        _("message while paused"),
        blank=True,
        help_text=_("Shown on the letter and the form while signing is paused."),
    )

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-signing_opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signing_closes_at__isnull=True)
                | Q(signing_closes_at__gt=models.F("signing_opens_at")),
                name="letter_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("letter:detail", kwargs={"slug": self.slug})

    @property
    def paragraphs(self):
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]

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
