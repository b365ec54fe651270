import datetime

import factory
from django.urls import reverse
from django.utils import timezone

from letter.models import Letter
from signatories.models import Signature

# The moderators' queue in the admin, where most admin tests start.
CHANGELIST = reverse("admin:signatories_signature_changelist")


class LetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Letter

    slug = factory.Sequence(lambda n: f"letter-{n}")
    title = factory.Sequence(lambda n: f"Open letter number {n}")
    recipient = "The Secretary-General"
    summary = "Organizations call for action"
    body = "First paragraph of the letter.\n\nSecond paragraph of the letter."
    date = datetime.date(2024, 5, 1)
    signing_opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    signing_closes_at = None


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    letter = factory.SubFactory(LetterFactory)
    organization = factory.Sequence(lambda n: f"Human Rights Group {n}")
    country = "KE"
    scope = Signature.Scope.NATIONAL
    # A registrable domain of its own per signature ("example.org" would be shared by all,
    # making every signature a possible duplicate of every other).
    website = factory.Sequence(lambda n: f"https://group{n}-example.org")
    contact_name = factory.Sequence(lambda n: f"Contact Person {n}")
    email = factory.Sequence(lambda n: f"contact{n}@group{n}-example.org")
    consented_at = factory.LazyFunction(timezone.now)
    text_version = factory.LazyAttribute(lambda signature: signature.letter.text_version)

    class Params:
        confirmed = factory.Trait(
            status=Signature.Status.CONFIRMED, confirmed_at=factory.LazyFunction(timezone.now)
        )
        approved = factory.Trait(
            status=Signature.Status.APPROVED,
            confirmed_at=factory.LazyFunction(timezone.now),
            decided_at=factory.LazyFunction(timezone.now),
        )


def sign_form_data(**changes):
    """What a person posts to the sign-on form, with a valid form-started token."""
    from signatories.abuse.bots import form_started_token

    return {
        "organization": "Centre for Rights",
        "country": "KE",
        "scope": "national",
        "website": "",
        "listing": "named",
        "contact_name": "Achieng Otieno",
        "email": "achieng@centre.example.org",
        "consent": "on",
        "started": form_started_token(),
        **changes,
    }


def bulk_signatures(letter, count, status=Signature.Status.APPROVED):
    """`count` signatures in a few queries, for tests about scale."""
    now = timezone.now()
    signatures = []
    for n in range(count):
        signature = Signature(
            letter=letter,
            organization=f"Organization {n:05d}",
            country=["KE", "FR", "AR", "JP", "FJ"][n % 5],
            scope="national",
            website=f"https://org{n}.example",
            contact_name="Contact",
            email=f"c{n}@org{n}.example",
            consented_at=now,
            status=status,
            confirmed_at=now,
            decided_at=now if status == Signature.Status.APPROVED else None,
        )
        signature.derive_fields()
        signatures.append(signature)
    Signature.objects.bulk_create(signatures)


class LetterUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "letter.LetterUpdate"

    letter = factory.SubFactory(LetterFactory)
    title = factory.Sequence(lambda n: f"Update number {n}")
    published_on = datetime.date(2024, 6, 1)
    body = "We met the recipient.\n\nThey promised an answer."


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "letter.Question"

    letter = factory.SubFactory(LetterFactory)
    kind = "one_choice"
    label = "Size of the organization"
    choices = "Small\nMedium\nLarge"
    position = factory.Sequence(lambda n: n)
