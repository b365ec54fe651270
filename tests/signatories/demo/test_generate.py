import datetime
import io
import logging
import unicodedata
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from letter.regions import REGIONS, region_of
from signatories.demo.names import domain_label
from signatories.demo.words import COUNTRIES, LANGUAGES
from signatories.hints import DomainCheck
from signatories.models import Notification, Signature
from signatories.moderation import review
from signatories.moderation.selectors import with_duplicate_hints
from tests.factories import LetterFactory

pytestmark = pytest.mark.django_db


def make_demo(letter, count=60, **options):
    call_command("demo_signatures", letter.slug, count=count, force=True, **options)
    return Signature.objects.filter(letter=letter)


def test_every_status_with_most_awaiting_review(letter):
    signatures = make_demo(letter)
    statuses = Counter(signatures.values_list("status", flat=True))
    assert signatures.count() == 60
    assert set(statuses) == set(Signature.Status.values)
    assert statuses.most_common(1)[0][0] == Signature.Status.CONFIRMED
    assert statuses[Signature.Status.CONFIRMED] >= 30
    assert signatures.filter(added_by_moderator=True, status="approved").exists()
    decided = signatures.filter(status__in=["approved", "rejected"], added_by_moderator=False)
    assert all(s.decided_by.username == "demo-moderator" for s in decided)
    assert all(s.rejection_reason for s in signatures.filter(status="rejected"))


def test_every_region_scope_and_listing(letter):
    signatures = make_demo(letter)
    assert {region_of(c) for c in signatures.values_list("country", flat=True)} == set(REGIONS)
    assert set(signatures.values_list("scope", flat=True)) == set(Signature.Scope.values)
    assert set(signatures.values_list("listing", flat=True)) == set(Signature.Listing.values)


def test_hints_are_derived_as_for_real_signatures(letter):
    signatures = with_duplicate_hints(make_demo(letter))
    checks = Counter(signatures.values_list("domain_check", flat=True))
    assert checks[DomainCheck.MATCH] > checks[DomainCheck.MISMATCH] > 0
    assert checks[DomainCheck.WEBMAIL] > 0
    assert checks[DomainCheck.NO_WEBSITE] > 0
    assert signatures.filter(same_name=True).exists()
    assert signatures.filter(same_email_domain=True).exists()
    # Near-duplicates are planned, not the rule.
    assert signatures.filter(same_name=True).count() < 15


def test_no_email_is_ever_sent_nor_owed(letter, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        signatures = make_demo(letter)
    assert callbacks  # the services did hand emails to the worker...
    assert mailoutbox == []  # ...which found none to send
    assert not Notification.objects.exists()
    # Even an email a moderator's later decision owes could not be delivered.
    emails = [e for e in signatures.values_list("email", flat=True) if e]
    assert emails and all(e.endswith(".invalid") for e in emails)


def test_spread_over_the_past_in_order(letter):
    signatures = make_demo(letter, days=20)
    now = timezone.now()
    submitted = [s.created_at for s in signatures]
    assert max(submitted) - min(submitted) > datetime.timedelta(days=5)
    assert min(submitted) >= now - datetime.timedelta(days=20, minutes=1)
    for signature in signatures.exclude(confirmed_at=None):
        assert signature.created_at <= signature.confirmed_at <= now
        if signature.decided_at:
            assert signature.confirmed_at <= signature.decided_at <= now
    for signature in signatures.filter(status="withdrawn"):
        assert signature.decided_at <= signature.withdrawn_at <= now
        events = list(signature.events.values_list("action", "at"))
        assert [action for action, _at in events][-1] == "withdrawn"
        assert [at for _action, at in events] == sorted(at for _action, at in events)


def test_same_seed_same_organizations():
    first, second, other = LetterFactory(), LetterFactory(), LetterFactory()
    names = [
        list(make_demo(letter, count=20, seed=seed).order_by("pk").values_list("organization"))
        for letter, seed in [(first, 7), (second, 7), (other, 8)]
    ]
    assert names[0] == names[1] != names[2]


def test_running_twice_on_a_letter_adds_new_addresses(letter):
    make_demo(letter, count=30)
    signatures = make_demo(letter, count=30)
    assert signatures.count() == 60


def test_refuses_without_debug_unless_forced(letter, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("demo_signatures", letter.slug, count=10)
    assert not Signature.objects.exists()
    call_command("demo_signatures", letter.slug, count=10, force=True)
    assert Signature.objects.count() == 10


def test_runs_with_debug_on(letter, settings):
    settings.DEBUG = True
    call_command("demo_signatures", letter.slug, count=10)
    assert Signature.objects.count() == 10


def test_refuses_a_closed_or_unknown_letter(db):
    closed = LetterFactory(signing_closes_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(CommandError, match="closed"):
        call_command("demo_signatures", closed.slug, count=10, force=True)
    with pytest.raises(CommandError, match="No letter"):
        call_command("demo_signatures", "no-such-letter", count=10, force=True)


def _cities(country):
    return [city.split("|")[0].casefold() for city in COUNTRIES[country][2]]


def test_demo_names_fit_their_countries_and_cities(letter):
    signatures = make_demo(letter, count=200)
    for organization, country in signatures.values_list("organization", "country"):
        assert any(city in organization.casefold() for city in _cities(country)), (
            organization,
            country,
        )


def _script(text):
    letters = [char for char in text if char.isalpha()]
    return unicodedata.name(letters[0]).split()[0]


def test_demo_names_in_several_languages_and_scripts(letter):
    names = make_demo(letter, count=300).values_list("organization", flat=True)
    scripts = Counter(_script(name) for name in names)
    assert {"LATIN", "CYRILLIC", "ARABIC", "CJK", "DEVANAGARI"} <= set(scripts)
    assert scripts["LATIN"] > len(names) / 2
    languages = {
        language
        for language, (_patterns, kinds, _causes) in LANGUAGES.items()
        if any(kind.split("|")[0] in name for kind in kinds for name in names)
    }
    assert len(languages) >= 12, languages


def test_demo_websites_made_from_the_name_without_dropping_letters(letter):
    signatures = make_demo(letter, count=200).exclude(website="")
    checked = 0
    for name, website, country in signatures.values_list("organization", "website", "country"):
        label = urlsplit(website).hostname.removeprefix("www.").split(".")[0]
        if " – " in name or _script(name) not in ("LATIN", "CYRILLIC"):
            continue  # a branch shares its organization's website; other scripts carry theirs
        base = name.removeprefix("The ").removeprefix("THE ").removeprefix("the ").rstrip(".")
        assert label == domain_label(base, COUNTRIES[country][1]), (name, website)
        checked += 1
    assert checked > 100
    assert domain_label("Łódzka Fundacja Praw Człowieka") == "lodzka-fundacja-praw-czlowieka"
    assert domain_label("Stiftung für Rechtshilfe Köln", "de") == "stiftung-fuer-rechtshilfe-koeln"
    assert domain_label("Мрежа за правну помоћ Нови Сад", "sr") == "mreza-za-pravnu-pomoc-novi-sad"
    assert domain_label("Women's Rights Coalition of Apia") == "womens-rights-coalition-of-apia"


def test_demo_signatures_prints_one_progress_line(letter, caplog):
    out = io.StringIO()
    with caplog.at_level(logging.DEBUG):
        call_command("demo_signatures", letter.slug, count=40, force=True, stdout=out)
    assert out.getvalue().count("\n") == 1
    assert out.getvalue().startswith("Created 40 demo signatures in ")
    assert caplog.records == []


def test_demo_signatures_approved_later_send_nothing(
    letter, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    waiting = make_demo(letter, count=40).filter(status="confirmed")
    with django_capture_on_commit_callbacks(execute=True):
        for signature in waiting:
            review.signature_approve(signature=signature, moderator=moderator)
    assert waiting.model.objects.filter(status="approved").count() >= 20
    assert mailoutbox == []
    assert not Notification.objects.exists()
