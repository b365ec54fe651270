"""How many organizations signed a letter, and from how many countries. The totals are cached
under the letter's public version (letter/public_version.py), which every change the public
sees bumps: totals cached under an old version are never read again, so the numbers shown are
exact as soon as the change commits, and no page COUNTs per request.

The countries are those of every approved signature, named, country-only or unlisted alike:
the headline says "N organizations from M countries", and N counts them all. A number of
countries says nothing about who signed, nor from which country."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.translation import gettext, ngettext

from signatories.models import Signature

# Cached totals are keyed by the letter's public version, so they are never stale: this
# expiry only lets the cache drop the totals of versions no one asks for any more.
COUNT_CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Totals:
    count: int
    countries: int
    named: int  # of `count`, those listed by name

    @property
    def unnamed(self):
        """Of `count`, those not named: listed by country only, or not listed."""
        return self.count - self.named

    @property
    def headline_pattern(self):
        """The headline in the active language, with "{count}" and "{countries}" where the
        numbers go (the plural forms already chosen for them): count.js rebuilds the live
        headline from it, the templates render it (templatetags/headline.py)."""
        if not self.count:
            return gettext("%(count)s organizations have signed so far") % {"count": "{count}"}
        places = ngettext("%(countries)s country", "%(countries)s countries", self.countries) % {
            "countries": "{countries}"
        }
        return ngettext(
            "%(count)s organization from %(places)s has signed",
            "%(count)s organizations from %(places)s have signed",
            self.count,
        ) % {"count": "{count}", "places": places}

    @property
    def headline(self):
        return self.headline_pattern.format(count=self.count, countries=self.countries)


def approved_totals(letter):
    """Totals of the approved signatures of `letter` (anything with pk and public_version)."""
    key = f"letter:{letter.pk}:v{letter.public_version}:approved-totals"
    totals = cache.get(key)
    if totals is None:
        row = (
            Signature.objects.public()
            .filter(letter_id=letter.pk)
            .aggregate(
                count=Count("pk"),
                countries=Count("country", distinct=True),
                named=Count("pk", filter=Q(listing=Signature.Listing.NAMED)),
            )
        )
        totals = Totals(**row)
        cache.set(key, totals, COUNT_CACHE_SECONDS)
    return totals


def approved_count(letter):
    """Approved signatures of `letter` (anything with pk and public_version)."""
    return approved_totals(letter).count
