"""A coordinator imports a French spreadsheet in the admin (Chromium): the preview shows each
row, the refused one with its reason and the possible duplicate, and the language of each
contact; on confirmation a real worker sends the invitations through the SMTP server at the
update emails' pace, each in its row's language, none to an address past its allowance; an
invitation's link confirms, another's corrects the details and confirms."""

import re
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from config import celery_app
from signatories.models import Notification, Signature
from signatories.moderation.coordinators import COORDINATORS_GROUP
from tests.factories import LetterFactory, SignatureFactory
from tests.signatories.imports import files
from tests.stack import Inbox, Worker, app_env, database_url_of_test_database

pytestmark = [
    pytest.mark.services,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PER_MINUTE = 120  # one email every half second
HEADER = [*files.HEADER_FR, "Langue"]
ROWS = [
    ["Droits Pour Tous", "المغرب", "Nationale", "droits-tous.org", "Amina", "amina@droits.org",
     "fr"],
    ["Égalité Maintenant", "Maroc", "Locale", "", "Karim", "karim@egalite.ma", "Français"],
    ["Sans Pays", "Atlantide", "Locale", "", "Zoé", "zoe@sans-pays.org", ""],
    ["Voix Libres", "Tunisie", "Régionale", "voix-libres.org", "Sami", "sami@voix-libres.org",
     "العربية"],
    ["Voix Libres", "Tunisie", "Régionale", "voix-libres.org", "Lina", "lina@voix-libres.org", ""],
    ["Déjà Écrit", "France", "Nationale", "", "Jo", "jo@deja-ecrit.org", "fr"],
]  # fmt: skip
# Each invitation's subject starts so, in the row's language (none given: the letter's).
SUBJECTS = {
    "amina@droits.org": "Merci de confirmer",
    "karim@egalite.ma": "Merci de confirmer",
    "sami@voix-libres.org": "يرجى تأكيد",
    "lina@voix-libres.org": "Please confirm",
}


class TimedInbox(Inbox):
    """The inbox, with when each message arrived."""

    def __init__(self):
        super().__init__()
        self.arrivals = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.arrivals.append(time.monotonic())
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def inbox():
    inbox = TimedInbox()
    inbox.start()
    yield inbox
    inbox.stop()


@pytest.fixture
def worker(transactional_db, inbox, tmp_path, site):
    celery_app.control.purge()
    env = app_env(
        DATABASE_URL=database_url_of_test_database(),
        REDIS_URL=settings.REDIS_URL,
        EMAIL_URL=inbox.url,
        SITE_URL=site.url,
        UPDATE_EMAILS_PER_MINUTE=PER_MINUTE,
    )
    worker = Worker(tmp_path, env, name="e2e-import").start()
    yield worker
    worker.stop()


def test_coordinator_imports_a_file_and_invitations_go_out_paced_and_limited(
    browser, site, worker, inbox, tmp_path, settings
):
    from playwright.sync_api import expect

    settings.EMAILS_PER_RECIPIENT = 1
    letter = LetterFactory(title="Lettre commune")
    # This address was already sent a confirmation link today, elsewhere: no invitation.
    earlier = SignatureFactory(email="jo@deja-ecrit.org")
    Notification.objects.create(
        signature=earlier, kind=Notification.Kind.CONFIRM, sent_at=timezone.now()
    )
    coordinator = get_user_model().objects.create_user(
        "coord", password="Pw-long-42!x", is_staff=True
    )
    coordinator.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    path = tmp_path / "signataires.csv"
    path.write_bytes(files.excel_csv(HEADER, ROWS, separator=";", encoding="utf-8-sig"))

    admin = browser.new_page()
    admin.goto(f"{site.url}/admin/")
    admin.get_by_label("Username").fill("coord")
    admin.get_by_label("Password").fill("Pw-long-42!x")
    admin.get_by_role("button", name="Log in").click()
    admin.goto(f"{site.url}/admin/signatories/signatureimport/add/")
    admin.locator("select[name=letter]").select_option(label="Lettre commune")
    admin.get_by_label(re.compile("Invite to reconfirm")).check()
    admin.locator("input[name=file]").set_input_files(str(path))
    admin.get_by_role("button", name="Read the file").click()

    expect(admin.get_by_text("5 to import, 1 refused, 0 already on the letter")).to_be_visible()
    refused = admin.locator("tr[data-row='4']")
    expect(refused).to_contain_text("Refused")
    expect(refused).to_contain_text("“Atlantide” is not a country")
    expect(admin.locator("tr[data-row='6']")).to_contain_text("same name as row 5")
    expect(admin.locator("tr[data-row='2']")).to_contain_text("MA")
    expect(admin.locator("tr[data-row='5'] .import-language")).to_have_text("العربية")
    expect(admin.locator("tr[data-row='6'] .import-language")).to_have_text("English")
    assert not Signature.objects.filter(letter=letter).exists()

    admin.get_by_role("button", name="Import 5 signatures").click()
    expect(admin.get_by_text(re.compile("4 invitations will be sent"))).to_be_visible()
    assert Signature.objects.filter(letter=letter, status="unconfirmed").count() == 5

    messages = inbox.wait_for(4)
    recipients = sorted(message["To"] for message in messages)
    assert recipients == sorted(
        [
            "amina@droits.org",
            "karim@egalite.ma",
            "sami@voix-libres.org",
            "lina@voix-libres.org",
        ]
    )
    # Paced: never closer together than the pace allows (a slow machine only spaces them more).
    gaps = [
        later - earlier for earlier, later in zip(inbox.arrivals, inbox.arrivals[1:], strict=False)
    ]
    assert min(gaps) >= 0.8 * 60 / PER_MINUTE, gaps
    time.sleep(1)
    assert len(inbox.messages) == 4  # none to the address past its allowance

    for message in messages:
        # (An encoded subject may come back from the wire with a space before it.)
        assert message["Subject"].strip().startswith(SUBJECTS[message["To"]]), message["Subject"]

    signer = browser.new_page()
    signer.goto(site.url + inbox.confirm_path(messages[0]))
    signer.get_by_role("button", name="Confirm the signature").click()
    expect(signer.locator("h1")).to_be_visible()
    confirmed = Signature.objects.get(letter=letter, email=messages[0]["To"])
    assert confirmed.status == Signature.Status.CONFIRMED

    # Sami corrects the details from the invitation, which opens the form in Arabic.
    (sami,) = (message for message in messages if message["To"] == "sami@voix-libres.org")
    link = re.search(r"https?://[^/\s]+(/confirm/\S+/correct/\?lang=ar)", inbox.text_of(sami))
    signer.goto(site.url + link.group(1))
    expect(signer.locator("html")).to_have_attribute("dir", "rtl")
    expect(signer.locator("#id_organization")).to_have_value("Voix Libres")
    signer.locator("#id_organization").fill("Voix Libres Tunisie")
    signer.locator("main form [type=submit]").click()
    expect(signer.locator("h1")).to_be_visible()
    corrected = Signature.objects.get(letter=letter, email="sami@voix-libres.org")
    assert (corrected.organization, corrected.status) == ("Voix Libres Tunisie", "confirmed")
    assert corrected.events.filter(action="signer_corrected").exists()
