"""The stored email_domain and website_domain became registrable domains ("ngo.org" for
"info@mail.ngo.org"), read from the website as a browser reads it, and domain_check compares
them: recompute the three for the signatures already stored, so that the review queue's
hints and filters mean the same for old and new signatures."""

from django.db import migrations

from signatories import hints

BATCH = 500


def recompute(apps, schema_editor):
    Signature = apps.get_model("signatories", "Signature")
    signatures = Signature.objects.only("email", "website").order_by("pk")
    changed = []
    for signature in signatures.iterator(chunk_size=BATCH):
        signature.email_domain = hints.email_site(signature.email)
        signature.website_domain = hints.website_site(signature.website)
        signature.domain_check = hints.domain_check(signature.email, signature.website)
        changed.append(signature)
        if len(changed) == BATCH:
            _save(Signature, changed)
    _save(Signature, changed)


def _save(Signature, signatures):
    Signature.objects.bulk_update(signatures, ["email_domain", "website_domain", "domain_check"])
    signatures.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("signatories", "0006_moderators_manage_block_lists"),
    ]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop, elidable=True)]
