from csp.decorators import csp_replace
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language, get_language
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from config.site_url import absolute_url

from .delivery import delivery_list
from .forms import DirectoryFilterForm
from .listing import by_country, filter_directory, listed_entries, region_and_country_counts
from .models import Letter
from .page_cache import public_page
from .publication import approved_count


def _letter(slug):
    """The letter, and its text in the visitor's language (falling back to the original)."""
    letter = get_object_or_404(Letter, slug=slug)
    return letter, letter.translated(get_language())


@require_safe
def home(request):
    letter = Letter.objects.open_for_signing().newest_first().first()
    letter = letter or Letter.objects.newest_first().first()
    if letter is None:
        return render(request, "letter/no_letter.html", status=404)
    return redirect(letter)


@public_page()
@require_safe
def detail(request, slug):
    letter, letter_text = _letter(slug)
    count = approved_count(letter)
    # The full list only while it stays short; beyond, the directory pages through it.
    inline = count <= settings.LETTER_PAGE_SIGNATORY_LIMIT
    context = {
        "letter": letter,
        "letter_text": letter_text,
        "count": count,
        "signatories_by_country": by_country(listed_entries(letter.signatures.all()))
        if inline
        else None,
        "page_url": absolute_url(letter.get_absolute_url()),
        "embed_url": absolute_url(reverse("letter:embed", kwargs={"slug": slug})),
    }
    return render(request, "letter/detail.html", context)


@public_page(query_params=[*DirectoryFilterForm.base_fields, "page"])
@require_safe
def directory(request, slug):
    letter, letter_text = _letter(slug)
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    signatures = filter_directory(letter.signatures.all(), **filters)
    page = Paginator(listed_entries(signatures), settings.DIRECTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "letter": letter,
        "letter_text": letter_text,
        "form": form,
        "page": page,
        "count": approved_count(letter),
        "regions": region_and_country_counts(letter.signatures.all()),
        "query_string": _without_page(request.GET),
    }
    return render(request, "letter/directory.html", context)


def _without_page(params):
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()


@public_page()
@require_safe
@xframe_options_exempt  # the one page other sites may frame
@csp_replace({"frame-ancestors": ["*"]})
def embed(request, slug):
    letter, letter_text = _letter(slug)
    context = {"letter": letter, "letter_text": letter_text, "count": approved_count(letter)}
    return render(request, "letter/embed.html", context)


@public_page()
@require_safe
def print_letter(request, slug):
    letter, letter_text = _letter(slug)
    context = {"letter": letter, "letter_text": letter_text, "signatories": delivery_list(letter)}
    return render(request, "letter/print.html", context)


@require_safe
def choose_language(request):
    """Keep the visitor's language in a cookie and go back to the page they were on."""
    next_url = request.GET.get("next", "")
    # Only a path on this site; anything else (a view name, a relative path, another host)
    # goes home rather than to reverse() or elsewhere.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("letter:home")
    response = HttpResponseRedirect(next_url)
    language = request.GET.get("language", "")
    if check_for_language(language) and language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response
