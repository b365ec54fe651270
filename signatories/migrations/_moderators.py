"""Shared by the migrations that create a staff group (Moderators, Coordinators) and grant it
its permissions."""

from django.contrib.auth.management import create_permissions

from signatories.moderation.moderators import MODERATOR_PERMISSIONS, MODERATORS_GROUP


def grant_moderator_permissions(apps, schema_editor):
    grant_group_permissions(apps, MODERATORS_GROUP, MODERATOR_PERMISSIONS)


def grant_group_permissions(apps, group_name, permissions):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    # Each migration grants what exists at its point in history; later ones grant the rest.
    for app_label, codename in permissions:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )
