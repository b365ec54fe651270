"""Public data endpoints: the count and the named signatories as JSON and CSV. Any site may
read them (CORS), and a client that already holds the current version gets 304."""

import functools

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_safe

from letter.models import Letter
from letter.page_cache import public_page
from letter.public_version import public_state

from .counts import approved_count
from .export import CONTENT_TYPES, WRITERS, export_rows
from .models import Signature
from .share_image import share_image_png


def _etag(request, slug, **kwargs):
    return public_state(request, slug).etag


def _last_modified(request, slug, **kwargs):
    return public_state(request, slug).public_changed_at


def open_data(view):
    """GET/HEAD only, readable from any origin, validated by the letter's public version."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        patch_cache_control(response, public=True, max_age=settings.COUNT_JSON_MAX_AGE)
        return response

    conditional = require_safe(condition(etag_func=_etag, last_modified_func=_last_modified)(view))
    return wrapper


@public_page()
@open_data
def count_json(request, slug):
    return JsonResponse({"count": approved_count(public_state(request, slug))})


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


@public_page(query_params=["lang"])
@open_data
def share_image(request, slug):
    """The og:image. `lang` (the page's language, in its og:image link) picks the image's
    language, since a site fetching the image sends no language cookie."""
    language = request.GET.get("lang")
    if language not in dict(settings.LANGUAGES):
        language = get_language()
    letter = get_object_or_404(Letter, slug=slug)
    return HttpResponse(share_image_png(letter, language=language), content_type="image/png")
