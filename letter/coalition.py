"""Who runs this site: the coalition's name, website, contact email and logo, as a superuser
set them in the admin (letter.models.Coalition), each falling back to its environment
variable. Every page's header and footer and every email show them, so they are read from
the shared cache, never from the database per request.

A change reaches every page at once: once the edit commits, the committer writes the new
identity to the cache and then bumps every letter's public version (letter/public_version.py),
which keys the page cache; a page cached under the new version is rendered after the new
identity is in the cache. Readers fill the cache only with `cache.add`, and only from a read
that took less than READ_FRESH_SECONDS, so a reader holding an old identity cannot overwrite
the committer's (the argument is public_version.py's)."""

import hashlib
import time
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse

from .accent import DEFAULT_ACCENT, stylesheet_digest
from .models import Coalition, Letter
from .public_version import READ_FRESH_SECONDS, mark_published

IDENTITY_KEY = "coalition-identity"
IDENTITY_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Identity:
    name: str
    website: str
    contact_email: str
    logo_url: str = ""
    logo_width: int = 0
    logo_height: int = 0
    accent_color: str = DEFAULT_ACCENT
    # A stylesheet of the accent's colours, only when it is not the default one.
    accent_css_url: str = ""


def logo_digest(logo: bytes) -> str:
    return hashlib.sha256(logo).hexdigest()[:16]


def _identity_from_database():
    row = Coalition.objects.filter(pk=Coalition.SINGLETON_ID).first()
    identity = Identity(
        name=(row and row.name) or settings.COALITION_NAME,
        website=(row and row.website) or settings.COALITION_WEBSITE,
        contact_email=(row and row.contact_email) or settings.COALITION_CONTACT_EMAIL,
    )
    accent = ((row and row.accent_color) or settings.COALITION_ACCENT_COLOR).lower()
    if accent != DEFAULT_ACCENT:
        digest = stylesheet_digest(accent)
        identity = replace(
            identity,
            accent_color=accent,
            accent_css_url=reverse("letter:accent_css", kwargs={"digest": digest}),
        )
    if row is not None and row.logo:
        digest = logo_digest(bytes(row.logo))
        return replace(
            identity,
            logo_url=reverse("letter:logo", kwargs={"digest": digest}),
            logo_width=row.logo_width,
            logo_height=row.logo_height,
        )
    return identity


def coalition_identity() -> Identity:
    """The coalition as pages and emails show it, from the cache when it is there."""
    identity = cache.get(IDENTITY_KEY)
    if identity is None:
        started = time.monotonic()
        identity = _identity_from_database()
        if time.monotonic() - started < READ_FRESH_SECONDS:
            cache.add(IDENTITY_KEY, identity, IDENTITY_SECONDS)
    return identity


def _publish_identity():
    cache.set(IDENTITY_KEY, _identity_from_database(), IDENTITY_SECONDS)
    # Every page shows the identity: a new public version of each letter renders them afresh.
    for letter_id in Letter.objects.values_list("pk", flat=True):
        with transaction.atomic():
            mark_published(letter_id)


@receiver(post_save, sender=Coalition)
def _coalition_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        transaction.on_commit(_publish_identity)
