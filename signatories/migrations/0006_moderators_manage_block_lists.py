from django.db import migrations

from signatories.migrations import _moderators


class Migration(migrations.Migration):
    dependencies = [("signatories", "0005_outbox_and_retention")]

    operations = [
        migrations.RunPython(_moderators.grant_moderator_permissions, migrations.RunPython.noop)
    ]
