"""The answers in the moderators' workplace: the queue filtered by a choice answer, the
answers on the review page, and a moderator's correction kept in the audit trail."""

import pytest
from django.urls import reverse

from signatories.models import Answer, Signature, SignatureEvent
from tests.factories import QuestionFactory, SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def size(letter):
    return QuestionFactory(letter=letter, label="Size", public=True)


def answered(letter, size, value, organization):
    signature = SignatureFactory(letter=letter, organization=organization, confirmed=True)
    Answer.objects.create(signature=signature, question=size, label=size.label, value=value)
    return signature


def test_the_queue_filters_by_a_choice_answer(moderator_client, letter, size):
    answered(letter, size, "Small", "Small Org")
    answered(letter, size, "Large", "Large Org")
    url = reverse("admin:signatories_signature_changelist")
    page = moderator_client.get(url, {"answer": f"{size.pk}:Large"}).content.decode()
    assert "Large Org" in page
    assert "Small Org" not in page
    assert "Size: Medium" in moderator_client.get(url).content.decode()  # the filter's choices


def test_the_review_page_shows_the_answers(moderator_client, letter, size):
    signature = answered(letter, size, "Small", "Small Org")
    signature.contact_role = "Director"
    signature.save()
    page = moderator_client.get(
        reverse("admin:signatories_signature_review", args=[signature.pk])
    ).content.decode()
    assert "<dt>Size</dt><dd>Small</dd>" in page
    assert "Director" in page


def test_a_moderator_corrects_an_answer_with_the_audit_trail(moderator_client, letter, size):
    signature = answered(letter, size, "Small", "Small Org")
    url = reverse("admin:signatories_signature_review_answers", args=[signature.pk])
    assert moderator_client.get(url).status_code == 200
    response = moderator_client.post(url, {f"question_{size.pk}": "Medium"})
    assert response.status_code == 302
    assert list(signature.answers.values_list("value", flat=True)) == ["Medium"]
    event = signature.events.get(action=SignatureEvent.Action.CORRECTED)
    assert event.details == {"answers": {"Size": ["Small", "Medium"]}}
    assert event.actor is not None
    assert Signature.objects.get(pk=signature.pk).status == Signature.Status.CONFIRMED
