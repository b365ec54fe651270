from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_safe

from .accent import stylesheet, stylesheet_digest
from .coalition import coalition_identity, logo_digest
from .models import Coalition, Letter, LetterUpdate

LOGO_SECONDS = 365 * 24 * 3600


@require_safe
def home(request):
    letter = Letter.objects.open_for_signing().newest_first().first()
    letter = letter or Letter.objects.newest_first().first()
    if letter is None:
        return render(request, "letter/no_letter.html", status=404)
    return redirect(letter)


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


@require_safe
def privacy(request):
    """What the site keeps about signers, why, who sees it and for how long: the numbers come
    from the settings that enforce them."""
    context = {
        "confirm_days": settings.SIGNATURE_CONFIRM_MAX_AGE // 86400,
        "unconfirmed_days": settings.UNCONFIRMED_SIGNATURE_MAX_AGE_DAYS,
        "retention_days": settings.CONTACT_DATA_RETENTION_DAYS,
        "identity": coalition_identity(),
    }
    return render(request, "letter/privacy.html", context)


@require_safe
def logo(request, digest):
    """The coalition's logo, from the database. Its address names its content, so browsers
    may keep it for a year; an old address gets the current logo, kept for a moment only."""
    row = Coalition.objects.filter(pk=Coalition.SINGLETON_ID).values("logo", "logo_type").first()
    if not row or not row["logo"]:
        raise Http404("No logo")
    content = bytes(row["logo"])
    response = HttpResponse(content, content_type=row["logo_type"])
    current = logo_digest(content) == digest
    response["Cache-Control"] = (
        f"public, max-age={LOGO_SECONDS}, immutable" if current else "public, max-age=60"
    )
    return response


@require_safe
def update_attachment(request, slug, pk):
    """An update's PDF, from the database (see LetterUpdate). A download, never rendered in
    the site's origin, and never sniffed into anything else."""
    update = get_object_or_404(
        LetterUpdate.objects.exclude(attachment_name=""), pk=pk, letter__slug=slug
    )
    response = HttpResponse(bytes(update.attachment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{update.attachment_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def accent_css(request, digest):
    """The coalition's accent colours as custom properties; named by its content like the
    logo, so kept for a year."""
    color = coalition_identity().accent_color
    response = HttpResponse(stylesheet(color), content_type="text/css; charset=utf-8")
    current = stylesheet_digest(color) == digest
    response["Cache-Control"] = (
        f"public, max-age={LOGO_SECONDS}, immutable" if current else "public, max-age=60"
    )
    return response
