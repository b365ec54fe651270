from django.contrib.auth.management import create_permissions
from django.db import migrations

from signatories.coordinators import COORDINATOR_PERMISSIONS, COORDINATORS_GROUP


def grant_coordinator_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    for app_label, codename in COORDINATOR_PERMISSIONS:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )


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
