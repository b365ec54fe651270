"""The emails the outbox sends, built from templates named after the email's kind
(signatories/email/<kind>_subject.txt, _body.txt, _body.html), with absolute links, in the
language the signer used on the form."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from config.site_url import absolute_url
from letter.coalition import coalition_identity
from signatories.tokens import (
    make_confirm_token,
    make_undo_withdrawal_token,
    make_withdraw_confirm_token,
    make_withdraw_token,
)


def _link(name, token):
    return absolute_url(reverse(f"signatories:{name}", kwargs={"token": token}))


def _context(notification):
    signature = notification.signature
    token = make_confirm_token(signature.pk, signature.revision)
    return {
        "signature": signature,
        "letter_text": signature.letter.translated(translation.get_language()),
        "letter_url": absolute_url(signature.letter.get_absolute_url()),
        # An unconfirmed signature's address signing again replaces what it held.
        "sign_url": absolute_url(reverse("signatories:sign", args=[signature.letter.slug])),
        "confirm_url": _link("confirm", token),
        # The page follows the email's language, whatever the browser's.
        "correct_url": f"{_link('correct', token)}?lang={signature.language}",
        "withdraw_url": _link("withdraw", make_withdraw_token(signature.pk)),
        "withdraw_confirm_url": _link(
            "withdraw_confirm", make_withdraw_confirm_token(signature.pk, signature.revision)
        ),
        "undo_withdrawal_url": _link(
            "undo_withdrawal", make_undo_withdrawal_token(signature.pk, signature.revision)
        ),
        "confirm_max_age_days": settings.SIGNATURE_CONFIRM_MAX_AGE // 86400,
        "undo_days": settings.WITHDRAWAL_UNDO_DAYS,
        "reason": signature.rejection_reason,
        "coalition": coalition_identity(),
        "privacy_url": absolute_url(reverse("letter:privacy")),
    }


def build_email(notification):
    """The email, in the language the signer used on the form."""
    with translation.override(notification.signature.language):
        return _build_email(notification)


def _build_email(notification):
    context = _context(notification)
    return templated_email(
        f"signatories/email/{notification.kind}",
        context,
        to=[notification.signature.email],
        # A signer's reply reaches the coalition, not the no-reply sender.
        reply_to=[context["coalition"].contact_email] if context["coalition"].contact_email else [],
    )


def templated_email(template, context, *, to, reply_to=None) -> EmailMultiAlternatives:
    """The email of the templates <template>_subject.txt, _body.txt and _body.html."""
    subject, text, html = render_email(template, context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
    )
    message.attach_alternative(html, "text/html")
    return message


def render_email(template, context) -> tuple[str, str, str]:
    """The subject, text and HTML of the templates <template>_subject.txt, _body.txt and
    _body.html. A subject is one line whatever a template or a signer's input holds."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}_body.txt", context)
    return subject, text, render_to_string(f"{template}_body.html", context)
