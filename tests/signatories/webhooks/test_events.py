import pytest

from signatories.models import Answer, Partner, Signature, WebhookDelivery, WebhookEndpoint
from signatories.moderation import review
from signatories.signing import services
from signatories.signing.correction import signature_confirm_corrected
from signatories.webhooks.delivery import event_body
from tests.factories import QuestionFactory, SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint():
    return WebhookEndpoint.objects.create(url="https://crm.example/hooks")


def owed(event_type):
    return WebhookDelivery.objects.filter(event_type=event_type)


def test_webhook_events_on_confirm_approve_reject_withdraw_and_correction(
    endpoint, letter, moderator
):
    signature = SignatureFactory(letter=letter)
    original = signature.organization
    services.signature_confirm(signature=signature)
    review.signature_approve(signature=signature, moderator=moderator)
    review.signature_correct(
        signature=signature, moderator=moderator, changes={"organization": "Renamed"}
    )
    review.signature_reject(signature=signature, moderator=moderator, reason="Not an NGO")
    services.signature_withdraw(signature=signature)
    assert list(
        WebhookDelivery.objects.order_by("created_at", "pk").values_list("event_type", flat=True)
    ) == [
        "signature.confirmed",
        "signature.approved",
        "signature.corrected",
        "signature.rejected",
        "signature.withdrawn",
    ]
    assert owed("signature.corrected").get().payload["data"]["changes"] == {
        "organization": [original, "Renamed"]
    }


def test_webhook_event_holds_public_fields_and_partner_never_contact_data(endpoint, letter):
    partner = Partner.objects.create(letter=letter, name="Friends", code="friends")
    signature = SignatureFactory(letter=letter, partner=partner)
    services.signature_confirm(signature=signature)
    delivery = owed("signature.confirmed").get()
    data = delivery.payload["data"]["signature"]
    assert data["organization"] == signature.organization
    assert data["country"] == "KE" and data["status"] == "confirmed"
    assert data["partner"] == {"code": "friends", "name": "Friends"}
    sent = event_body(delivery).decode()
    assert signature.email not in sent and signature.contact_name not in sent
    assert "contact" not in delivery.payload["data"]


def test_webhook_allowed_contact_data_receives_it_when_sent(letter):
    WebhookEndpoint.objects.create(url="https://crm.example/a", receives_contact_data=True)
    signature = SignatureFactory(letter=letter)
    services.signature_confirm(signature=signature)
    delivery = owed("signature.confirmed").get()
    # Stored without it: read from the signature when sent.
    assert signature.email not in str(delivery.payload)
    assert signature.email in event_body(delivery).decode()


def test_webhook_event_does_not_name_an_organization_listed_without_its_name(endpoint, letter):
    signature = SignatureFactory(letter=letter, listing=Signature.Listing.UNLISTED)
    services.signature_confirm(signature=signature)
    sent = event_body(owed("signature.confirmed").get()).decode()
    assert signature.organization not in sent and signature.website not in sent


def test_webhook_inactive_endpoint_is_owed_nothing(letter):
    WebhookEndpoint.objects.create(url="https://crm.example/off", active=False)
    services.signature_confirm(signature=SignatureFactory(letter=letter))
    assert not WebhookDelivery.objects.exists()


def test_webhook_each_endpoint_gets_the_event_under_one_id(letter):
    for n in range(2):
        WebhookEndpoint.objects.create(url=f"https://crm{n}.example/hooks")
    services.signature_confirm(signature=SignatureFactory(letter=letter))
    deliveries = list(WebhookDelivery.objects.all())
    assert len(deliveries) == 2 and len({d.event_id for d in deliveries}) == 1


def test_webhook_event_holds_the_answers_to_the_letters_questions(endpoint, letter):
    """Issue 24, part 4: an event carries the signer's answers, each with the wording of the
    question as it was asked, several choices of one question together."""
    size = QuestionFactory(letter=letter, label="Size", public=True)
    themes = QuestionFactory(letter=letter, kind="choices", label="Themes", public=False)
    signature = SignatureFactory(letter=letter)
    for question, value in ((size, "Medium"), (themes, "Water"), (themes, "Press")):
        Answer.objects.create(
            signature=signature, question=question, label=question.label, value=value
        )
    services.signature_confirm(signature=signature)
    answers = owed("signature.confirmed").get().payload["data"]["signature"]["answers"]
    assert answers == [
        {"question": "Size", "public": True, "values": ["Medium"]},
        {"question": "Themes", "public": False, "values": ["Water", "Press"]},
    ]


def test_webhook_event_of_a_signers_correction_holds_no_contact_data(endpoint, letter):
    signature = SignatureFactory(letter=letter, contact_name="Old Name", country="KE")
    signature_confirm_corrected(
        signature=signature, revision=0, country="TZ", contact_name="New Name", contact_role="Chair"
    )
    (corrected,) = owed("signature.corrected")
    assert corrected.payload["data"]["changes"] == {"country": ["KE", "TZ"]}
    assert owed("signature.confirmed").exists()
