from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LetterConfig(AppConfig):
    name = "letter"
    verbose_name = _("Letters")

    def ready(self):
        # Connects the receivers that bump the public version when the letter is saved, and
        # that record a new letter's text as its first version.
        from . import coalition, public_version, revisions  # noqa: F401
