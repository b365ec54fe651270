"""The public pages that show a letter's signatories: the letter page, the directory, the
embeddable count and the printable version. Each is the same for every anonymous visitor,
and says so with @public_page, so the page cache may serve it."""

from csp.decorators import csp_replace
from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from config.site_url import absolute_url
from letter.models import Letter
from letter.page_cache import public_page
from letter.public_version import public_state
from letter.updates import timeline
from signatories.forms import DirectoryFilterForm, directory_query_cleaners
from signatories.models import PublicExport
from signatories.partners.embed import partner_link
from signatories.partners.selectors import (
    clean_partner_code,
    partner_approved_count,
    partner_for_code,
)
from signatories.public.counts import approved_totals
from signatories.public.directory import (
    filter_directory,
    named_entries,
    region_and_country_counts,
)
from signatories.public.sharing import letter_share
from signatories.public.signatory_list import signatory_list
from signatories.public.stored_exports import current_export, stored_export_response
from signatories.questions.selectors import public_answers, public_choice_filters

# Up to this many listed signatories, the letter page shows every region open.
LETTER_PAGE_OPEN_LIST = 24


def _letter(slug):
    """The letter, and its text in the visitor's language (falling back to the original)."""
    letter = get_object_or_404(Letter, slug=slug)
    return letter, letter.translated(get_language())


@public_page()
@require_safe
def letter_page(request, slug):
    letter, letter_text = _letter(slug)
    signatories = signatory_list(letter)
    regions = signatories.regions
    image = reverse("signatories:share_image", kwargs={"slug": slug})
    context = {
        "letter": letter,
        "letter_text": letter_text,
        "count": signatories.totals.count,
        "totals": signatories.totals,
        "signatories": signatories,
        "signatories_open": len(regions) == 1
        or sum(r.count for r in regions) <= LETTER_PAGE_OPEN_LIST,
        "page_url": absolute_url(letter.get_absolute_url()),
        "share_image_url": f"{absolute_url(image)}?lang={letter_text.language}",
        "embed_url": absolute_url(reverse("signatories:embed", kwargs={"slug": slug})),
        "share": letter_share(letter=letter, title=letter_text.title),
        "timeline": timeline(letter, get_language()),
    }
    return render(request, "letter/detail.html", context)


@public_page(query_params=directory_query_cleaners())
@require_safe
def directory(request, slug):
    letter, letter_text = _letter(slug)
    language = get_language()
    answer_filters = public_choice_filters(letter, language)
    form = DirectoryFilterForm(request.GET or None, answer_filters=answer_filters)
    filters = form.cleaned_data if form.is_valid() else {}
    signatures = filter_directory(letter.signatures.all(), **filters)
    entries = named_entries(
        signatures, answers_of=lambda ids: public_answers(letter, language, ids)
    )
    page = Paginator(entries, settings.DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    if request.GET.get("page", "1") != str(page.number):
        # A page past the last is the last page, at its own address: rendered (and cached)
        # once, however many numbers a visitor tries.
        return _directory_page_redirect(request, page.number)
    context = {
        "letter": letter,
        "letter_text": letter_text,
        "form": form,
        "filtered": any(filters.values()),
        "page": page,
        "totals": approved_totals(letter),
        "regions": region_and_country_counts(letter.signatures.all()),
        "query_string": _without_page(request.GET),
    }
    return render(request, "letter/directory.html", context)


def _directory_page_redirect(request, number):
    params = request.GET.copy()
    params.pop("page", None)
    if number > 1:
        params["page"] = str(number)
    query = params.urlencode()
    return redirect(f"{request.path}?{query}" if query else request.path)


def _without_page(params):
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()


# A partner's count widget (?via=<code>) shows its own count beside the total: cached per
# code, under the letter's public version, which every approval bumps.
@public_page(query_params={"via": clean_partner_code})
@require_safe
@xframe_options_exempt  # the count widget: any site may frame it
@csp_replace({"frame-ancestors": ["*"]})
def embed(request, slug):
    letter, letter_text = _letter(slug)
    partner = partner_for_code(letter, clean_partner_code(request.GET.get("via", "")))
    context = {
        "letter": letter,
        "letter_text": letter_text,
        "totals": approved_totals(letter),
        "partner": partner,
        "partner_count": partner_approved_count(partner) if partner else None,
        "sign_url": partner_link(partner) if partner else None,
    }
    return render(request, "letter/embed.html", context)


@require_safe
def print_letter(request, slug):
    """Served from the copy built for the letter's public version in the visitor's language
    (stored_exports.py): a big letter's printable list is never rendered per request."""
    state = public_state(request, slug)
    export = current_export(state=state, kind=PublicExport.Kind.PRINT, language=get_language())
    if export is None:
        letter, letter_text = _letter(slug)
        context = {"letter": letter, "letter_text": letter_text}
        response = render(request, "letter/print_pending.html", context, status=503)
        response["Retry-After"] = "30"
        return response
    response = stored_export_response(request, export, "text/html; charset=utf-8")
    # The language may come from the cookie the language switcher sets.
    patch_vary_headers(response, ["Cookie"])
    return response
