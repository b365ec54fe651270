"""The versions of a letter's text (letter/versions.py): each letter's text as it stands is
its version 1, the one the signatures already stored are recorded as having agreed to."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def first_versions(apps, schema_editor):
    Letter = apps.get_model("letter", "Letter")
    LetterVersion = apps.get_model("letter", "LetterVersion")
    for letter in Letter.objects.prefetch_related("translations"):
        translations = {
            t.language: {"title": t.title, "body": t.body}
            for t in sorted(letter.translations.all(), key=lambda t: t.language)
        }
        LetterVersion.objects.create(
            letter=letter,
            number=1,
            title=letter.title,
            recipient=letter.recipient,
            body=letter.body,
            translations=translations,
            reason="",
        )


class Migration(migrations.Migration):

    dependencies = [
        ('letter', '0008_letter_updates'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='letter',
            options={'ordering': ['-signing_opens_at'], 'permissions': [('change_letter_text', "Can change a letter's text, dates and pause")], 'verbose_name': 'letter', 'verbose_name_plural': 'letters'},
        ),
        migrations.AddField(
            model_name='letter',
            name='text_version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.CreateModel(
            name='LetterVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(verbose_name='version')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('recipient', models.CharField(max_length=300, verbose_name='recipient')),
                ('body', models.TextField(verbose_name='body')),
                ('translations', models.JSONField(blank=True, default=dict, verbose_name='translations')),
                ('reason', models.TextField(blank=True, verbose_name='reason for the change')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded at')),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                ('letter', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='letter.letter', verbose_name='letter')),
            ],
            options={
                'verbose_name': 'version of the text',
                'verbose_name_plural': 'versions of the text',
                'ordering': ['letter', 'number'],
                'constraints': [models.UniqueConstraint(fields=('letter', 'number'), name='one_letter_version_number')],
            },
        ),
        migrations.RunPython(first_versions, migrations.RunPython.noop),
    ]
