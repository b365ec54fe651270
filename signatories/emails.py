"""Render the emails owed to signers from templates: text and HTML, absolute links."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from config.site_url import absolute_url

from .tokens import make_confirm_token, make_withdraw_token

_TEMPLATES = {
    "confirm": "signatories/email/confirm",
    "already_signed": "signatories/email/already_signed",
    "approved": "signatories/email/approved",
    "rejected": "signatories/email/rejected",
}


def _context(notification):
    signature = notification.signature
    token = make_confirm_token(signature.pk, signature.revision)
    return {
        "signature": signature,
        "letter_text": signature.letter.translated(translation.get_language()),
        "letter_url": absolute_url(signature.letter.get_absolute_url()),
        "confirm_url": absolute_url(reverse("signatories:confirm", kwargs={"token": token})),
        "withdraw_url": absolute_url(
            reverse("signatories:withdraw", kwargs={"token": make_withdraw_token(signature.pk)})
        ),
        "confirm_max_age_days": settings.SIGNATURE_CONFIRM_MAX_AGE // 86400,
        "reason": signature.rejection_reason,
    }


def build_email(notification):
    """The email, in the language the signer used on the form."""
    with translation.override(notification.signature.language):
        return _build_email(notification)


def _build_email(notification):
    name = _TEMPLATES[notification.kind]
    context = _context(notification)
    # A subject is one line whatever a template or a signer's input holds.
    subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{name}_body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.signature.email],
    )
    message.attach_alternative(render_to_string(f"{name}_body.html", context), "text/html")
    return message
