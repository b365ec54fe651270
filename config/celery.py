import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
# What differs between machines (the broker, eager tasks, the beat schedule) comes from
# settings.py; how the tasks travel is the same everywhere and set here.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_ignore_result=True,
    # Every task here is idempotent: acknowledged once done, so a killed worker's task runs
    # again; and if the broker connection drops mid-task, it is cancelled and delivered again
    # (Celery 6's default).
    task_acks_late=True,
    worker_cancel_long_running_tasks_on_connection_loss=True,
    # Sending email takes a while: each worker reserves one task at a time, so that an idle
    # worker takes the next batch instead of one worker holding a burst while another waits.
    worker_prefetch_multiplier=1,
    # When Redis is unreachable, give up publishing within about two seconds: the notification
    # is already stored, and a worker's outbox dispatcher hands it over once Redis is back.
    task_publish_retry_policy={
        "max_retries": 2,
        "interval_start": 0,
        "interval_step": 0.5,
        "interval_max": 1,
    },
    broker_transport_options={"socket_connect_timeout": 2, "socket_timeout": 5},
    broker_connection_timeout=2,
    broker_connection_retry_on_startup=True,
    # Django's logging configuration, not Celery's, formats the worker's logs too.
    worker_hijack_root_logger=False,
)
app.autodiscover_tasks()
# Each worker also hands the emails owed in the outbox to the workers (by name: the app is
# configured before Django's apps are loaded).
app.steps["worker"].add("signatories.mail.worker:OutboxDispatcher")
app.steps["worker"].add("signatories.webhooks.worker:WebhookDispatcher")
