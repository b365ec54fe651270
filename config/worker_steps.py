"""Periodic work inside each Celery worker, beside its tasks, as Celery's documentation shows
it: a bootstep on the worker's own timer (in its main process; with the prefork pool, beside
the processes that deliver)."""

from celery import bootsteps
from django.conf import settings


class PollingStep(bootsteps.StartStopStep):
    """Calls `poll` every OUTBOX_POLL_SECONDS while the worker runs."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, parent, **kwargs):
        super().__init__(parent, **kwargs)
        self.timer_entry = None

    def start(self, parent):
        self.timer_entry = parent.timer.call_repeatedly(
            settings.OUTBOX_POLL_SECONDS, self.poll, priority=10
        )

    def stop(self, parent):
        if self.timer_entry is not None:
            self.timer_entry.cancel()
            self.timer_entry = None

    def poll(self):
        raise NotImplementedError
