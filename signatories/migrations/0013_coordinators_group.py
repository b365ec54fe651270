from django.db import migrations

from signatories.moderation.coordinators import COORDINATOR_PERMISSIONS, COORDINATORS_GROUP

from signatories.migrations._moderators import grant_group_permissions


def grant_coordinator_permissions(apps, schema_editor):
    grant_group_permissions(apps, COORDINATORS_GROUP, COORDINATOR_PERMISSIONS)


def remove_coordinators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COORDINATORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("signatories", "0012_update_emails"),
        ("letter", "0008_letter_updates"),
    ]

    operations = [
        migrations.RunPython(grant_coordinator_permissions, remove_coordinators_group)
    ]
