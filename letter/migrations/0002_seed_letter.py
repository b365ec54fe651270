import datetime

from django.db import migrations

from letter.seed import load_seed


def add_seed_letter(apps, schema_editor):
    Letter = apps.get_model("letter", "Letter")
    fields = load_seed()
    Letter.objects.update_or_create(
        slug=fields.pop("slug"),
        defaults={
            **fields,
            # Open for signing from the letter's publication, with no closing date.
            "signing_opens_at": datetime.datetime(2018, 9, 5, tzinfo=datetime.timezone.utc),
            "signing_closes_at": None,
        },
    )


def remove_seed_letter(apps, schema_editor):
    apps.get_model("letter", "Letter").objects.filter(slug="joint-ngo-letter-2018").delete()


class Migration(migrations.Migration):
    dependencies = [("letter", "0001_initial")]

    operations = [migrations.RunPython(add_seed_letter, remove_seed_letter)]
