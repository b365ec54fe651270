"""Each signature's name skeleton (signatories.lookalikes), so that the duplicate hints and
the searches find look-alikes among the signatures already stored too; and the version of
the letter's text each signature agreed to: version 1 for those already stored (the text
as it stood when versions began, letter 0017)."""

from django.db import migrations, models

from signatories import lookalikes

BATCH = 500


def derive_skeletons(apps, schema_editor):
    Signature = apps.get_model("signatories", "Signature")
    length = Signature._meta.get_field("organization_skeleton").max_length
    changed = []
    for signature in Signature.objects.only("organization").order_by("pk").iterator(BATCH):
        signature.organization_skeleton = lookalikes.name_skeleton(signature.organization)[:length]
        changed.append(signature)
        if len(changed) == BATCH:
            Signature.objects.bulk_update(changed, ["organization_skeleton"])
            changed.clear()
    Signature.objects.bulk_update(changed, ["organization_skeleton"])


class Migration(migrations.Migration):
    dependencies = [
        ("signatories", "0018_withdrawal_confirmation_and_undo"),
        ("letter", "0017_text_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="signature",
            name="organization_skeleton",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=255),
        ),
        migrations.RunPython(derive_skeletons, migrations.RunPython.noop, elidable=True),
        migrations.AddField(
            model_name="signature",
            name="text_version",
            field=models.PositiveIntegerField(
                blank=True, editable=False, null=True, verbose_name="version of the text agreed to"
            ),
        ),
        migrations.RunSQL(
            "UPDATE signatories_signature SET text_version = 1", migrations.RunSQL.noop
        ),
    ]
