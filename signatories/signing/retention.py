"""How long contact data is kept: erased from signatures on letters closed long enough ago,
and signatures never confirmed deleted (run daily by Celery beat and by a command)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from signatories.audit import event_record
from signatories.models import Signature, SignatureEvent, SignatureImport

# A file read for an import's preview and never imported holds contact data that nobody
# decided to keep: it goes after a day.
IMPORT_PREVIEW_MAX_AGE = timedelta(days=1)


def _forget_replaced_contact_names(signature):
    # A resubmission's event keeps the contact name it replaced, a signer's correction the
    # name before and after: contact data too.
    kept_in = {
        SignatureEvent.Action.RESUBMITTED: "previous",
        SignatureEvent.Action.SIGNER_CORRECTED: "changes",
    }
    for event in signature.events.filter(action__in=kept_in):
        for field in ("contact_name", "contact_role"):
            event.details.get(kept_in[event.action], {}).pop(field, None)
        event.save(update_fields=["details"])


@transaction.atomic
def contact_data_purge(*, now=None) -> tuple[int, int]:
    """Erase the contact data of signatures on letters closed more than
    CONTACT_DATA_RETENTION_DAYS ago, keeping what the public sees; delete signatures never
    confirmed within UNCONFIRMED_SIGNATURE_MAX_AGE_DAYS, and import files previewed but never
    imported. Returns (erased, deleted)."""
    now = now or timezone.now()
    closed_before = now - timedelta(days=settings.CONTACT_DATA_RETENTION_DAYS)
    keep = Signature.objects.filter(
        letter__signing_closes_at__lt=closed_before,
    ).exclude(contact_name="", contact_role="", email="", client_hash="", wants_updates=False)
    erased = 0
    for signature in keep.select_for_update():
        signature.contact_name = signature.contact_role = signature.email = ""
        signature.client_hash = ""
        signature.wants_updates = False
        signature.save(
            update_fields=["contact_name", "contact_role", "email", "client_hash", "wants_updates"]
        )
        _forget_replaced_contact_names(signature)
        event_record(signature=signature, action=SignatureEvent.Action.PURGED)
        erased += 1
    stale = Signature.objects.filter(
        status=Signature.Status.UNCONFIRMED,
        created_at__lt=now - timedelta(days=settings.UNCONFIRMED_SIGNATURE_MAX_AGE_DAYS),
    )
    SignatureEvent.objects.filter(signature__in=stale).delete()
    deleted = stale.delete()[1].get("signatories.Signature", 0)
    SignatureImport.objects.filter(
        imported_at__isnull=True, created_at__lt=now - IMPORT_PREVIEW_MAX_AGE
    ).delete()
    return erased, deleted
