"""An update as an email to one signer: in the language they signed in (the original where
the update is not translated), with a one-click unsubscribe (RFC 8058).

Thousands of signers get the same text: an UpdateEmails renders it once per update and
language and only puts each signer's own unsubscribe link in."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation

from config.site_url import absolute_url
from letter.models import LetterUpdate, LetterUpdateTranslation
from letter.updates import attachment_path, translate_update
from signatories.mail.outbox import render_email
from signatories.tokens import make_unsubscribe_token

TEMPLATE = "signatories/email/update"
# Stands for the signer's unsubscribe link in the text rendered once for all of them; plain
# letters and digits, which HTML escaping leaves as they are.
_UNSUBSCRIBE = "UNSUBSCRIBEURL7f3c9a"


class UpdateEmails:
    """Builds the update emails of one dispatcher run."""

    def __init__(self):
        self._rendered = {}

    def build(self, delivery):
        signature = delivery.signature
        key = (delivery.update_id, signature.language)
        if key not in self._rendered:
            update = (
                LetterUpdate.objects.defer("attachment")
                .select_related("letter")
                .get(pk=delivery.update_id)
            )
            with translation.override(signature.language):
                self._rendered[key] = _render(update)
        subject, text, html, language = self._rendered[key]
        unsubscribe_url = absolute_url(
            reverse("signatories:unsubscribe", args=[make_unsubscribe_token(signature.pk)])
        )
        message = EmailMultiAlternatives(
            subject=subject,
            body=text.replace(_UNSUBSCRIBE, unsubscribe_url),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[signature.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Content-Language": language,
                "Auto-Submitted": "auto-generated",
            },
        )
        message.attach_alternative(html.replace(_UNSUBSCRIBE, unsubscribe_url), "text/html")
        return message


def build_update_email(delivery):
    return UpdateEmails().build(delivery)


def _render(update):
    language = translation.get_language()
    text = LetterUpdateTranslation.objects.filter(update=update, language=language).first()
    context = {
        "update": translate_update(update, language, text),
        "letter_text": update.letter.translated(language),
        "letter_url": absolute_url(update.letter.get_absolute_url()),
        "attachment_url": absolute_url(attachment_path(update)) if update.has_attachment else "",
        "unsubscribe_url": _UNSUBSCRIBE,
    }
    return (*render_email(TEMPLATE, context), language)
