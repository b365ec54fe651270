from django.db import migrations
from django.db.models import F
from django.utils import timezone

from letter.seed import SEED_LETTER, without_count

# What 0002_seed_letter stored: a number of signatories that is not the live count.
OLD_SUMMARY = (
    "750+ organizations highlight the vital role of the UN High Commissioner "
    "in calling out violators"
)


def drop_count_from_summary(apps, schema_editor):
    # Only the summary as seeded: one a coordinator has since rewritten is theirs.
    apps.get_model("letter", "Letter").objects.filter(
        slug=SEED_LETTER["slug"], summary=OLD_SUMMARY
    ).update(
        summary=without_count(OLD_SUMMARY),
        public_version=F("public_version") + 1,
        public_changed_at=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [("letter", "0006_coalition")]

    operations = [migrations.RunPython(drop_count_from_summary, migrations.RunPython.noop)]
