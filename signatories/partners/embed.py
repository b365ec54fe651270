"""The sign-on form a partner embeds on its website, in an <iframe>.

Browsers now block third-party cookies, so inside a partner's page the form gets no CSRF
cookie: its POST is checked by origin instead, as Django's own CSRF check begins by doing
(the browser sends `Origin` with every POST, and a page elsewhere cannot forge it). Every
other protection is the main form's: the same form (the honeypot, the signed fill timer spent
once, in Redis), the same rate limits and the same service (the per-recipient allowance).
The page may be framed only by the partner's own origin (`frame-ancestors`); anywhere else
the browser refuses to show it and the snippet's link to the full form remains."""

import functools
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from config.site_url import absolute_url
from signatories.abuse.clients import client_address
from signatories.models import Partner
from signatories.signing import services


def frame_ancestors(partner: Partner | None) -> list[str]:
    """The CSP frame-ancestors of a partner's embedded form: its origin, or nobody."""
    return [partner.origin] if partner is not None and partner.origin else ["'none'"]


def framable_by(response, partner):
    """Let the partner's origin, and it alone, frame this response."""
    response._csp_replace = {"frame-ancestors": frame_ancestors(partner)}
    if partner is not None and partner.origin:
        response.xframe_options_exempt = True  # frame-ancestors says who may
    return response


def _own_origins(request):
    """The origins a POST from this site's own pages comes from."""
    own = f"{request.scheme}://{request.get_host()}"
    return {own, *(origin.rstrip("/") for origin in settings.CSRF_TRUSTED_ORIGINS)}


def same_origin_post(request) -> bool:
    """Whether a POST was sent by one of this site's own pages (the embedded form's, here):
    by `Origin`, or else by `Sec-Fetch-Site`, which browsers that omit it send."""
    origin = request.headers.get("Origin")
    if origin:
        return origin.rstrip("/") in _own_origins(request)
    return request.headers.get("Sec-Fetch-Site") == "same-origin"


def origin_checked(view):
    """In place of the CSRF cookie, which a framed page does not get: a POST from elsewhere
    is refused. Django's CSRF check is then not needed (and would always refuse)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and not same_origin_post(request):
            return HttpResponseForbidden(gettext("This form can only be sent from its own page."))
        return view(request, *args, **kwargs)

    wrapper.csrf_exempt = True
    return wrapper


def signature_submit_from(request, *, letter, form, partner) -> None:
    """Submit a valid sign-on form (the main one or an embedded one), credited to `partner`.
    Raises services.SigningClosed."""
    services.signature_submit(
        letter=letter,
        language=get_language(),
        client_address=client_address(request),
        bot_reason=form.bot_reason,
        partner=partner,
        **form.signature_fields(),
    )


def partner_link(partner: Partner) -> str:
    sign = reverse("signatories:sign", kwargs={"slug": partner.letter.slug})
    return absolute_url(sign) + "?" + urlencode({"via": partner.code})


def embed_url(partner: Partner) -> str:
    kwargs = {"slug": partner.letter.slug, "code": partner.code}
    return absolute_url(reverse("signatories:embed_sign", kwargs=kwargs))


def embed_snippet(partner: Partner) -> str:
    """The HTML a partner pastes into its page: the framed form, and a link to the full form
    for when it cannot show (a browser without frames, an origin not listed)."""
    site = urlsplit(settings.SITE_URL).netloc
    return format_html(
        '<iframe src="{}" title="{}" loading="lazy" style="border:0;width:100%;height:1400px">'
        "</iframe>\n"
        '<p><a href="{}">{}</a></p>',
        embed_url(partner),
        gettext("Sign the letter"),
        partner_link(partner),
        gettext("Sign the letter on %(site)s") % {"site": site},
    )
