"""The review page of one signature: everything needed to decide, Approve, Reject and Skip
through the review services, then the next signature awaiting review, oldest first."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from signatories.models import Signature
from signatories.moderation import review
from tests.factories import CHANGELIST, SignatureFactory, bulk_signatures

pytestmark = pytest.mark.django_db


def review_url(signature):
    return reverse("admin:signatories_signature_review", args=[signature.pk])


def decide(client, signature, decision):
    url = reverse("admin:signatories_signature_review_decide", args=[signature.pk])
    return client.post(url, {"decision": decision}, follow=True)


def reject(client, signature, **form):
    url = reverse("admin:signatories_signature_review_reject", args=[signature.pk])
    return client.post(url, form, follow=True)


@pytest.fixture
def queue(letter):
    """Three signatures awaiting review, confirmed an hour apart: oldest first."""
    now = timezone.now()
    return [
        SignatureFactory(
            letter=letter,
            confirmed=True,
            confirmed_at=now - datetime.timedelta(hours=hours),
            organization=f"Waited {hours} hours",
        )
        for hours in (3, 2, 1)
    ]


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_review_page_shows_what_is_needed_to_decide(moderator_client, moderator, letter):
    original = SignatureFactory(letter=letter, approved=True, organization="Amnesty Kenya")
    suspect = SignatureFactory(
        letter=letter,
        confirmed=True,
        organization="The Amnesty Kenya",
        website="https://amnesty-ke.example/",
        email="info@gmail.com",
        submitted={"organization": "The Amnesty Kenya", "scope": "national"},
    )
    review.signature_correct(signature=suspect, moderator=moderator, changes={"scope": "local"})
    page = moderator_client.get(review_url(suspect)).content.decode()
    assert "1 of 1 awaiting review" in page
    # The scope as submitted, and as corrected.
    assert "<td>national</td><td>local <span" in page
    assert (
        '<a href="https://amnesty-ke.example/" target="_blank" rel="noopener noreferrer">'
    ) in page
    assert "gmail.com" in page and "amnesty-ke.example" in page
    assert "Webmail address" in page
    assert f'href="{review_url(original)}">Amnesty Kenya</a> (Approved)' in page
    assert "Corrected" in page and "Confirmed" in page  # the audit trail
    assert 'data-review-key="a"' in page and "Keyboard:" in page
    assert "/static/js/review-keys" in page


def test_approving_opens_the_oldest_next_and_says_how_many_remain(
    moderator_client, moderator, queue
):
    oldest, second, newest = queue
    response = decide(moderator_client, second, "approve")
    second.refresh_from_db()
    assert second.status == Signature.Status.APPROVED
    assert second.decided_by == moderator
    assert response.redirect_chain[-1][0] == review_url(oldest)
    assert messages_of(response) == ["“Waited 2 hours” approved. 2 signatures await review."]
    assert "1 of 2 awaiting review" in response.content.decode()


def test_rejecting_asks_for_the_reason_then_opens_the_next(moderator_client, queue):
    oldest, second, _newest = queue
    url = reverse("admin:signatories_signature_review_reject", args=[oldest.pk])
    page = moderator_client.get(url).content.decode()
    assert '<fieldset class="reason-choices">' in page
    assert "We could not verify that you represent this organization." in page
    response = reject(moderator_client, oldest, reason_choice="other", reason_text="Unknown.")
    oldest.refresh_from_db()
    assert oldest.status == Signature.Status.REJECTED
    assert oldest.rejection_reason == "Unknown."
    assert response.redirect_chain[-1][0] == review_url(second)


def test_rejecting_without_a_reason_decides_nothing(moderator_client, queue):
    response = reject(moderator_client, queue[0], reason_choice="other")
    assert "Write the reason" in response.content.decode()
    queue[0].refresh_from_db()
    assert queue[0].status == Signature.Status.CONFIRMED


def test_skipped_signatures_are_passed_over_until_only_they_remain(moderator_client, queue):
    oldest, second, newest = queue
    response = decide(moderator_client, oldest, "skip")
    assert response.redirect_chain[-1][0] == review_url(second)
    response = decide(moderator_client, second, "approve")
    assert response.redirect_chain[-1][0] == review_url(newest)  # not back to the skipped
    response = decide(moderator_client, newest, "skip")
    assert response.redirect_chain[-1][0] == CHANGELIST
    assert messages_of(response) == [
        "“Waited 1 hours” skipped. Only the 2 signatures you skipped await review."
    ]
    # Starting again goes through the skipped ones, oldest first.
    response = moderator_client.get(reverse("admin:signatories_signature_review_next"), follow=True)
    assert response.redirect_chain[-1][0] == review_url(oldest)


def test_the_last_decision_returns_to_the_empty_queue(moderator_client, confirmed_signature):
    response = decide(moderator_client, confirmed_signature, "approve")
    assert response.redirect_chain[-1][0] == CHANGELIST
    assert "No signature awaits review." in messages_of(response)[0]


def test_an_illegal_decision_is_refused_with_a_message(moderator_client, signature):
    response = decide(moderator_client, signature, "approve")  # unconfirmed
    assert response.redirect_chain[-1][0] == review_url(signature)
    assert "Cannot approve a signature that is unconfirmed." in messages_of(response)
    signature.refresh_from_db()
    assert signature.status == Signature.Status.UNCONFIRMED
    response = reject(moderator_client, signature, reason_choice="0")
    assert "Cannot reject a signature that is unconfirmed." in messages_of(response)


def test_decisions_are_posts_by_moderators_only(client, django_user_model, queue):
    decide_url = reverse("admin:signatories_signature_review_decide", args=[queue[0].pk])
    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_signature"))
    client.force_login(viewer)
    page = client.get(review_url(queue[0])).content.decode()
    assert 'value="approve"' not in page
    assert client.post(decide_url, {"decision": "approve"}).status_code == 403
    assert client.get(decide_url).status_code == 405
    queue[0].refresh_from_db()
    assert queue[0].status == Signature.Status.CONFIRMED


def test_unknown_signature_or_decision_is_not_found(moderator_client, queue):
    for unknown in ("x1", "²", "999999", "9" * 30):
        url = f"/admin/signatories/signature/{unknown}/review/"
        assert moderator_client.get(url).status_code == 404, unknown
    assert decide(moderator_client, queue[0], "delete").status_code == 404


def test_a_decided_signature_says_where_it_stands(moderator_client, letter, queue):
    decided = SignatureFactory(letter=letter, approved=True)
    page = moderator_client.get(review_url(decided)).content.decode()
    assert "Approved: not in the queue, where 3 signatures await review" in page
    assert 'value="approve"' not in page


@pytest.mark.parametrize("rows", [10, 1000])
def test_review_page_makes_a_fixed_number_of_queries(
    moderator_client, letter, django_assert_num_queries, rows
):
    bulk_signatures(letter, rows, status=Signature.Status.CONFIRMED)
    signature = Signature.objects.awaiting_review().order_by("-pk").first()
    moderator_client.get(review_url(signature))  # warm the session and permissions caches
    # Session, user, permissions (2), the signature with its letter, its place in the
    # queue, one query per duplicate hint (4), its events, its emails and the versions of
    # the text since the one it agreed to, its answers to the letter's questions.
    with django_assert_num_queries(14):
        response = moderator_client.get(review_url(signature))
    assert f"of {rows} awaiting review" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "place"),
    [("fr", "1 sur 3 en attente d’examen"), ("es", "1 de 3 pendientes"), ("ar", "1 من 3")],
)
def test_review_pages_speak_the_moderators_language(moderator_client, queue, language, place):
    moderator_client.cookies["django_language"] = language
    page = moderator_client.get(review_url(queue[0])).content.decode()
    assert place in page
    reject_url = reverse("admin:signatories_signature_review_reject", args=[queue[0].pk])
    assert moderator_client.get(reject_url).status_code == 200
    assert moderator_client.get(CHANGELIST).status_code == 200
