"""An update as an email to one signer: in the language they signed in (the original where
the update is not translated), with a one-click unsubscribe (RFC 8058), a link to withdraw
the signature and, as every email to a signer, a Reply-To the coalition reads.

Thousands of signers get the same text: an UpdateEmails renders it once per update and
language and only puts each signer's own links in."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation

from config.site_url import absolute_url
from letter.coalition import coalition_identity
from letter.models import LetterUpdate, LetterUpdateTranslation
from letter.updates import attachment_path, translate_update
from signatories.mail.outbox import render_email
from signatories.tokens import make_unsubscribe_token, make_withdraw_token

TEMPLATE = "signatories/email/update"
# Stand for the signer's own links in the text rendered once for all of them; plain letters
# and digits, which HTML escaping leaves as they are.
_UNSUBSCRIBE = "UNSUBSCRIBEURL7f3c9a"
_WITHDRAW = "WITHDRAWURL2b8e41"


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
        subject, text, html, language, reply_to = self._rendered[key]
        unsubscribe_url = _link("signatories:unsubscribe", make_unsubscribe_token(signature.pk))
        withdraw_url = _link("signatories:withdraw", make_withdraw_token(signature.pk))

        def personal(body):
            return body.replace(_UNSUBSCRIBE, unsubscribe_url).replace(_WITHDRAW, withdraw_url)

        message = EmailMultiAlternatives(
            subject=subject,
            body=personal(text),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[signature.email],
            reply_to=reply_to,
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Content-Language": language,
                "Auto-Submitted": "auto-generated",
            },
        )
        message.attach_alternative(personal(html), "text/html")
        return message


def _link(name, token):
    return absolute_url(reverse(name, args=[token]))


def build_update_email(delivery):
    return UpdateEmails().build(delivery)


def _render(update):
    language = translation.get_language()
    text = LetterUpdateTranslation.objects.filter(update=update, language=language).first()
    coalition = coalition_identity()
    context = {
        "update": translate_update(update, language, text),
        "letter_text": update.letter.translated(language),
        "letter_url": absolute_url(update.letter.get_absolute_url()),
        "attachment_url": absolute_url(attachment_path(update)) if update.has_attachment else "",
        "unsubscribe_url": _UNSUBSCRIBE,
        "withdraw_url": _WITHDRAW,
        "coalition": coalition,
        "privacy_url": absolute_url(reverse("letter:privacy")),
    }
    # A signer's reply reaches the coalition, not the no-reply sender.
    reply_to = [coalition.contact_email] if coalition.contact_email else []
    return (*render_email(TEMPLATE, context), language, reply_to)
