import pytest
from django.urls import reverse

from letter.models import LetterTranslation
from signatories.models import Notification
from signatories.tasks import deliver_notification
from tests.factories import SignatureFactory, sign_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_letter(letter):
    LetterTranslation.objects.create(
        letter=letter, language="fr", title="Lettre ouverte en français", body="Premier.\n\nSecond."
    )
    return letter


def test_emails_carry_the_letters_title_in_the_signers_language(translated_letter, mailoutbox):
    signature = SignatureFactory(letter=translated_letter, language="fr")
    notification = Notification.objects.create(signature=signature, kind="confirm")
    deliver_notification(notification.pk)
    assert "Lettre ouverte en français" in mailoutbox[0].subject
    assert ">Lettre ouverte en français</a>" in mailoutbox[0].alternatives[0][0]


def test_signers_language_is_kept_for_their_emails(client, letter):
    client.post(
        reverse("signatories:sign", args=[letter.slug]),
        sign_form_data(),
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert letter.signatures.get().language == "fr"
