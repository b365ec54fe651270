from django.db import migrations

from signatories.migrations._moderators import grant_moderator_permissions
from signatories.moderation.moderators import MODERATORS_GROUP


def remove_moderators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MODERATORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("signatories", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_moderator_permissions, remove_moderators_group)]
