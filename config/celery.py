import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Each worker also hands the emails owed in the outbox to the workers (by name: the app is
# configured before Django's apps are loaded).
app.steps["worker"].add("signatories.worker:OutboxDispatcher")
