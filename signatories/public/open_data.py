"""Public data endpoints: the count and the named signatories as JSON and CSV. Any site may
read them (CORS), and a client that already holds the current version gets 304. The lists are
served from copies built once per version (stored_exports.py), never rendered per request."""

import functools

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language, gettext
from django.views.decorators.http import condition, require_safe

from letter.models import Letter
from letter.page_cache import public_page
from letter.public_version import public_state
from letter.updates import updates_data
from signatories.models import PublicExport
from signatories.public.counts import approved_totals
from signatories.public.export import CONTENT_TYPES
from signatories.public.share_image import share_image_png
from signatories.public.stored_exports import current_export, stored_export_response


def _etag(request, slug, **kwargs):
    return public_state(request, slug).etag


def _last_modified(request, slug, **kwargs):
    return public_state(request, slug).public_changed_at


def _etag_in_language(request, slug, **kwargs):
    # The count's headline is in the visitor's language: a client that switched language
    # must not be told its copy in the old one is current.
    return f'{public_state(request, slug).etag[:-1]}-{get_language()}"'


def _shared(view):
    """GET/HEAD only, readable from any origin, reusable by browsers and proxies for a moment."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        patch_cache_control(response, public=True, max_age=settings.COUNT_JSON_MAX_AGE)
        return response

    return require_safe(wrapper)


def open_data(view=None, *, etag_func=_etag):
    """GET/HEAD only, readable from any origin, validated by the letter's public version."""
    if view is None:
        return functools.partial(open_data, etag_func=etag_func)
    return _shared(condition(etag_func=etag_func, last_modified_func=_last_modified)(view))


@public_page()
@open_data(etag_func=_etag_in_language)
def count_json(request, slug):
    """The live count, the number of countries and the headline stating both in the visitor's
    language; `headline_template` marks where the numbers go, for static/js/count.js."""
    totals = approved_totals(public_state(request, slug))
    response = JsonResponse(
        {
            "count": totals.count,
            "countries": totals.countries,
            "headline": totals.headline,
            "headline_template": totals.headline_pattern,
        }
    )
    # The language may come from the cookie the language switcher sets.
    patch_vary_headers(response, ["Cookie"])
    return response


def _stored_data(request, slug, kind):
    """Served from the copy built for the letter's public version (stored_exports.py): no
    request renders a big letter's list."""
    export = current_export(state=public_state(request, slug), kind=kind)
    if export is None:
        return export_pending()
    return stored_export_response(request, export, CONTENT_TYPES[kind])


def export_pending():
    """The answer before a big letter's export was first built: try again shortly."""
    message = gettext("This list is being prepared. Please try again in a minute.")
    response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = "30"
    patch_cache_control(response, no_store=True)
    return response


@_shared
def signatories_json(request, slug):
    return _stored_data(request, slug, PublicExport.Kind.JSON)


@_shared
def signatories_csv(request, slug):
    response = _stored_data(request, slug, PublicExport.Kind.CSV)
    response["Content-Disposition"] = f'inline; filename="{slug}-signatories.csv"'
    return response


@public_page()
@open_data
def share_image(request, slug):
    """The og:image. `lang` (the page's language, in its og:image link; applied by
    letter/page_language.py) picks the image's language, since a site fetching the image
    sends no language cookie."""
    letter = get_object_or_404(Letter, slug=slug)
    return HttpResponse(share_image_png(letter, language=get_language()), content_type="image/png")


@public_page()
@open_data
def updates_json(request, slug):
    letter = Letter.objects.get(pk=public_state(request, slug).pk)
    delivered_on = letter.delivered_on.isoformat() if letter.delivered_on else None
    return JsonResponse(
        {"letter": letter.slug, "delivered_on": delivered_on, "updates": updates_data(letter)},
        json_dumps_params={"ensure_ascii": False},
    )
