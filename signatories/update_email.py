"""An update as an email to one signer: in the language they signed in (the original where
the update is not translated), with a one-click unsubscribe (RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from config.site_url import absolute_url
from letter.models import LetterUpdateTranslation
from letter.updates import attachment_path, translate_update

from .tokens import make_unsubscribe_token

TEMPLATE = "signatories/email/update"


def build_update_email(delivery):
    signature = delivery.signature
    with translation.override(signature.language):
        return _build(delivery.update, signature)


def _build(update, signature):
    language = translation.get_language()
    text = LetterUpdateTranslation.objects.filter(update=update, language=language).first()
    unsubscribe_url = absolute_url(
        reverse("signatories:unsubscribe", kwargs={"token": make_unsubscribe_token(signature.pk)})
    )
    context = {
        "update": translate_update(update, language, text),
        "letter_text": update.letter.translated(language),
        "letter_url": absolute_url(update.letter.get_absolute_url()),
        "attachment_url": absolute_url(attachment_path(update)) if update.has_attachment else "",
        "unsubscribe_url": unsubscribe_url,
    }
    # A subject is one line whatever the title holds.
    subject = " ".join(render_to_string(f"{TEMPLATE}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{TEMPLATE}_body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[signature.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string(f"{TEMPLATE}_body.html", context), "text/html")
    return message
