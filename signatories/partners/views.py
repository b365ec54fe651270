"""The partners' pages: the sign-on form embedded on a partner's website and the page it
leads to, and a partner's read-only page with its own counts (by secret link)."""

import functools

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from signatories.abuse.ratelimits import rate_limited
from signatories.forms import SignatureForm
from signatories.models import Partner
from signatories.partners.embed import (
    framable_by,
    origin_checked,
    partner_link,
    signature_submit_from,
)
from signatories.partners.selectors import letter_listed_count, partner_counts, partner_for_secret
from signatories.questions.selectors import letter_questions
from signatories.signing import services


def _framed(view):
    """A page of the embedded form: framable by the partner's origin alone, whatever the view
    answers (a rate-limited POST's page included)."""

    @functools.wraps(view)
    def wrapper(request, slug, code):
        partner = get_object_or_404(
            Partner.objects.select_related("letter"), letter__slug=slug, code=code
        )
        return framable_by(view(request, partner), partner)

    return wrapper


@_framed
@origin_checked
@require_http_methods(["GET", "POST"])
@rate_limited("sign")
def embed_sign(request, partner):
    letter = partner.letter
    context = {"letter": letter, "partner": partner, "full_form": partner_link(partner)}
    if not letter.is_open:
        return render(request, "signatories/partners/embed_closed.html", context)
    # The letter's own questions are asked here as on the full form.
    form = SignatureForm(request.POST or None, questions=letter_questions(letter, get_language()))
    if request.method == "POST" and form.is_valid():
        try:
            signature_submit_from(request, letter=letter, form=form, partner=partner)
        except services.SigningClosed:
            return render(request, "signatories/partners/embed_closed.html", context)
        return redirect("signatories:embed_done", slug=letter.slug, code=partner.code)
    return render(request, "signatories/partners/embed_sign.html", {**context, "form": form})


@_framed
@require_safe
def embed_done(request, partner):
    context = {"letter": partner.letter, "partner": partner, "full_form": partner_link(partner)}
    return render(request, "signatories/partners/embed_done.html", context)


@never_cache
@require_safe
def partner_page(request, secret):
    """What a partner sees of what it brought: counts, never a signer's contact data or
    organization."""
    partner = partner_for_secret(secret)
    if partner is None:
        raise Http404("No such partner")
    context = {
        "partner": partner,
        "letter": partner.letter,
        "counts": partner_counts(partner),
        "letter_listed": letter_listed_count(partner.letter),
        "link": partner_link(partner),
    }
    response = render(request, "signatories/partners/partner_page.html", context)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
