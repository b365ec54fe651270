"""Public data endpoints: the count and the named signatories as JSON and CSV. Any site may
read them (CORS), and a client that already holds the current version gets 304."""

import functools

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_safe

from letter.models import Letter
from letter.page_cache import public_page
from letter.public_version import public_state
from letter.updates import updates_data
from signatories.models import Signature
from signatories.public.counts import approved_totals
from signatories.public.export import CONTENT_TYPES, WRITERS, export_rows
from signatories.public.share_image import share_image_png


def _etag(request, slug, **kwargs):
    return public_state(request, slug).etag


def _last_modified(request, slug, **kwargs):
    return public_state(request, slug).public_changed_at


def _etag_in_language(request, slug, **kwargs):
    # The count's headline is in the visitor's language: a client that switched language
    # must not be told its copy in the old one is current.
    return f'{public_state(request, slug).etag[:-1]}-{get_language()}"'


def open_data(view=None, *, etag_func=_etag):
    """GET/HEAD only, readable from any origin, validated by the letter's public version."""
    if view is None:
        return functools.partial(open_data, etag_func=etag_func)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        patch_cache_control(response, public=True, max_age=settings.COUNT_JSON_MAX_AGE)
        return response

    conditional = require_safe(
        condition(etag_func=etag_func, last_modified_func=_last_modified)(view)
    )
    return wrapper


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


def _data_response(request, slug, fmt):
    signatures = Signature.objects.filter(letter_id=public_state(request, slug).pk)
    response = HttpResponse(content_type=CONTENT_TYPES[fmt])
    WRITERS[fmt](export_rows(signatures), response)
    return response


@public_page()
@open_data
def signatories_json(request, slug):
    return _data_response(request, slug, "json")


@public_page()
@open_data
def signatories_csv(request, slug):
    response = _data_response(request, slug, "csv")
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
