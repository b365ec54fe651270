"""Links that share a letter: plain addresses of each site's own share form, so the page
loads nothing from those sites (no script, image or request until the visitor clicks) and
the Content-Security-Policy needs no new source. The shared address is always the letter's
absolute URL from SITE_URL, never the request's host: the letter page is cached for all."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _

from config.site_url import absolute_url


@dataclass(frozen=True)
class ShareLink:
    label: str
    href: str

    @property
    def new_tab(self):
        # A site's share form opens beside the letter; an email opens in the mail program.
        return not self.href.startswith("mailto:")


@dataclass(frozen=True)
class Share:
    url: str
    title: str
    links: list


def _query(**params):
    return urlencode(params, quote_via=quote)


def letter_share(*, letter, title):
    """What the share partial (templates/includes/_share.html) shows for `letter`, whose
    title in the reader's language is `title`."""
    url = absolute_url(letter.get_absolute_url())
    text = f"{title} {url}"
    invitation = _("Read this open letter, and sign it on behalf of your organization:")
    email = _query(subject=title, body=f"{invitation}\n\n{url}")
    links = [
        ShareLink(_("Email"), f"mailto:?{email}"),
        ShareLink("Bluesky", f"https://bsky.app/intent/compose?{_query(text=text)}"),
        ShareLink("Mastodon", f"https://mastodonshare.com/?{_query(text=title, url=url)}"),
        ShareLink("X", f"https://x.com/intent/tweet?{_query(text=title, url=url)}"),
        ShareLink("Facebook", f"https://www.facebook.com/sharer/sharer.php?{_query(u=url)}"),
        ShareLink("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?{_query(url=url)}"),
        ShareLink("WhatsApp", f"https://wa.me/?{_query(text=text)}"),
        ShareLink("Telegram", f"https://t.me/share/url?{_query(url=url, text=title)}"),
    ]
    return Share(url=url, title=title, links=links)
