from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from config.request_size import accepts_multipart
from letter.models import Letter
from letter.page_cache import public_page
from letter.public_version import letter_for_slug
from signatories import tasks
from signatories.abuse.ratelimits import rate_limited
from signatories.forms import NewLinkForm, SignatureForm, SignerCorrectionForm
from signatories.mail.updates import mailing as update_mailing
from signatories.models import Signature
from signatories.partners.embed import signature_submit_from
from signatories.partners.selectors import partner_for_code
from signatories.public.sharing import letter_share
from signatories.questions.selectors import letter_questions, signature_answer_values
from signatories.signing import correction, links, services, withdrawal
from signatories.tokens import (
    TokenExpired,
    TokenInvalid,
    read_confirm_token,
    read_undo_withdrawal_token,
    read_unsubscribe_token,
    read_withdraw_confirm_token,
    read_withdraw_token,
)


def _broken_link(request):
    return render(request, "signatories/confirm_invalid.html", {"form": NewLinkForm()}, status=400)


@require_http_methods(["GET", "POST"])
@rate_limited("sign")
def sign(request, slug):
    letter = letter_for_slug(slug)
    if letter is None:
        raise Http404("No such letter")
    if not letter.is_open:
        return render(
            request,
            "signatories/signing_closed.html",
            {"letter": letter, "state": letter.signing_state()},
            status=403 if request.method == "POST" else 200,
        )
    questions = letter_questions(letter, get_language())
    # A partner's link (?via=<code>) credits it; the form posts back to the same address.
    partner = partner_for_code(letter, request.GET.get("via"))
    form = SignatureForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            signature_submit_from(request, letter=letter, form=form, partner=partner)
        except services.SigningClosed:
            return redirect("signatories:sign", slug=slug)
        return redirect("signatories:check_inbox", slug=slug)
    # The empty form is cached per language; a letter with questions of its own has its
    # own copy for each public version (which a change of a question bumps).
    variant = f"{letter.pk}:v{letter.public_version}" if questions else ""
    context = {"letter": letter, "form": form, "form_variant": variant}
    return render(request, "signatories/sign.html", context)


@public_page()
def check_inbox(request, slug):
    letter = get_object_or_404(Letter, slug=slug)
    return render(request, "signatories/check_inbox.html", {"letter": letter})


def _email_link_page(view):
    """A page an email links to: a GET changes nothing, since mail scanners follow links; only
    the POST from the page's button acts. Limited as confirming is."""
    return require_http_methods(["GET", "POST"])(rate_limited("confirm")(view))


def _confirm_link(request, token):
    """(the signature a confirmation link names, its revision, None), or (None, None, the
    page for a link expired, broken, or sent for values a later submission replaced)."""
    try:
        link = read_confirm_token(token)
    except TokenExpired:
        page = render(request, "signatories/confirm_expired.html", {"token": token}, status=410)
        return None, None, page
    except TokenInvalid:
        return None, None, _broken_link(request)
    signature = get_object_or_404(Signature.objects.select_related("letter"), pk=link.signature_id)
    if signature.revision != link.revision:
        return None, None, _broken_link(request)
    return signature, link.revision, None


def _confirmed_page(request, signature):
    share = letter_share(
        letter=signature.letter, title=signature.letter.translated(get_language()).title
    )
    return render(request, "signatories/confirmed.html", {"signature": signature, "share": share})


@_email_link_page
def confirm(request, token):
    signature, revision, refused = _confirm_link(request, token)
    if refused:
        return refused
    if request.method == "POST":
        try:
            signature = services.signature_confirm(signature=signature, revision=revision)
        except services.LinkReplaced:
            return _broken_link(request)
        # A signature decided or withdrawn since the email was sent is not thanked for
        # confirming: the page says where it stands.
        if signature.status == Signature.Status.CONFIRMED:
            return _confirmed_page(request, signature)
    return render(request, "signatories/confirm.html", {"signature": signature})


@_email_link_page
def correct(request, token):
    """The invitation's "correct the details": the form prefilled with what the signature
    holds; sending it stores the corrections and confirms. A used link shows that the
    signature is confirmed, as the confirmation page does."""
    signature, revision, refused = _confirm_link(request, token)
    if refused:
        return refused
    if signature.status != Signature.Status.UNCONFIRMED:
        return render(request, "signatories/confirm.html", {"signature": signature})
    form = SignerCorrectionForm(
        request.POST or None,
        signature=signature,
        questions=letter_questions(signature.letter, get_language()),
        answers=signature_answer_values(signature),
    )
    if request.method == "POST" and form.is_valid():
        try:
            signature = correction.signature_confirm_corrected(
                signature=signature, revision=revision, **form.signature_fields()
            )
        except services.LinkReplaced:
            return _broken_link(request)
        except services.IllegalTransition as used:  # confirmed meanwhile, from another tab
            return render(request, "signatories/confirm.html", {"signature": used.signature})
        return _confirmed_page(request, signature)
    letter_text = signature.letter.translated(get_language())
    context = {"signature": signature, "form": form, "letter_text": letter_text}
    return render(request, "signatories/correct.html", context)


@require_http_methods(["POST"])
@rate_limited("new_link")
def resend_expired(request, token):
    try:
        read_confirm_token(token)
    except TokenExpired as expired:
        links.signature_resend_for(signature_id=expired.signature_id)
    except TokenInvalid:
        return redirect("signatories:new_link")
    # A still-valid link needs no new one; the answer is the same either way.
    return render(request, "signatories/new_link_sent.html")


@require_http_methods(["GET", "POST"])
@rate_limited("new_link")
def new_link(request):
    form = NewLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tasks.send_new_link_later(form.cleaned_data["email"])
        return render(request, "signatories/new_link_sent.html")
    return render(request, "signatories/new_link.html", {"form": form})


@_email_link_page
def withdraw(request, token):
    """The link in every email, which may have been forwarded: it only has a link that
    withdraws emailed to the address that signed (signing/withdrawal.py)."""
    return _signer_link_page(
        request, token, read_token=read_withdraw_token, page="withdraw", act=_ask_to_withdraw
    )


def _ask_to_withdraw(signature):
    withdrawal.withdrawal_request(signature=signature)
    return signature


def _dated_link(token, read_token):
    """The signature and revision a dated withdrawal link names, or None for a link broken,
    expired or sent for values a later submission replaced."""
    try:
        link = read_token(token)
    except TokenInvalid:
        return None, None
    signature = get_object_or_404(Signature.objects.select_related("letter"), pk=link.signature_id)
    return (signature, link.revision) if signature.revision == link.revision else (None, None)


@_email_link_page
def withdraw_confirm(request, token):
    signature, _revision = _dated_link(token, read_withdraw_confirm_token)
    if signature is None:
        return render(request, "signatories/withdraw_invalid.html", status=400)
    # Pressed again, the button changes nothing.
    if request.method == "POST" and signature.status != Signature.Status.WITHDRAWN:
        signature = services.signature_withdraw(signature=signature)
    context = {"signature": signature, "undo_days": settings.WITHDRAWAL_UNDO_DAYS}
    return render(request, "signatories/withdraw_confirm.html", context)


@_email_link_page
def undo_withdrawal(request, token):
    signature, revision = _dated_link(token, read_undo_withdrawal_token)
    if signature is None:
        return render(request, "signatories/withdraw_invalid.html", status=400)
    restored = False
    if request.method == "POST" and withdrawal.withdrawal_undoable(signature, revision):
        signature = withdrawal.signature_withdrawal_undo(signature=signature, revision=revision)
        restored = True
    context = {
        "signature": signature,
        "restored": restored,
        "undoable": withdrawal.withdrawal_undoable(signature, revision),
    }
    return render(request, "signatories/undo_withdrawal.html", context)


# The signed token is the authority, not a session: mail providers post the one-click
# unsubscribe (RFC 8058) from their own servers, with no CSRF token and no cookie, and may
# send it as multipart/form-data.
@csrf_exempt
@accepts_multipart
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    return _signer_link_page(
        request, token, read_token=read_unsubscribe_token, page="unsubscribe", act=_unsubscribe
    )


def _unsubscribe(signature):
    return update_mailing.signature_unsubscribe(signature=signature)


def _signer_link_page(request, token, *, read_token, page, act):
    """The page of a link that names a signature (signatories/<page>.html): a GET only shows
    its button (mail scanners follow links), a POST acts on the signature. A link that does
    not read gets signatories/<page>_invalid.html."""
    try:
        signature_id = read_token(token)
    except TokenInvalid:
        return render(request, f"signatories/{page}_invalid.html", status=400)
    signature = get_object_or_404(Signature.objects.select_related("letter"), pk=signature_id)
    if request.method == "POST":
        signature = act(signature)
    context = {"signature": signature, "acted": request.method == "POST"}
    return render(request, f"signatories/{page}.html", context)
