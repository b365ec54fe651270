"""What Celery beat runs, for settings.py."""

from celery.schedules import crontab

# What beat runs: the nightly purge, the digests every quarter of an hour, and a wake-up for
# the update dispatcher in case its worker died.
BEAT_SCHEDULE = {
    "purge-contact-data": {
        "task": "signatories.tasks.purge_contact_data",
        "schedule": crontab(hour=3, minute=17),
    },
    "send-moderation-digests": {
        "task": "signatories.tasks.send_moderation_digests",
        "schedule": 900.0,
    },
    "dispatch-update-emails": {
        "task": "signatories.tasks.dispatch_update_emails",
        "schedule": 10.0,
    },
}
