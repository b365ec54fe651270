"""What each Celery worker runs for the webhooks, beside the email outbox's dispatcher: a
look every OUTBOX_POLL_SECONDS for the events due (new ones, retries whose backoff is over,
and those a dead worker held), handed to the workers. Several workers may look at once: a
claim skips the rows another holds."""

import logging

from celery import bootsteps
from django.conf import settings
from django.db import close_old_connections

from signatories.webhooks import delivery

logger = logging.getLogger(__name__)


class WebhookDispatcher(bootsteps.StartStopStep):
    requires = {"celery.worker.components:Timer"}

    def __init__(self, parent, **kwargs):
        super().__init__(parent, **kwargs)
        self.timer_entry = None

    def start(self, parent):
        self.timer_entry = parent.timer.call_repeatedly(
            settings.OUTBOX_POLL_SECONDS, dispatch_webhooks, priority=10
        )

    def stop(self, parent):
        if self.timer_entry is not None:
            self.timer_entry.cancel()
            self.timer_entry = None


def dispatch_webhooks():
    """Hand over every event due now; an outage is logged and met again at the next look."""
    close_old_connections()
    try:
        while delivery.webhooks_hand_over() == delivery.HAND_OVER_BATCH:
            pass
    except Exception:
        logger.exception("The webhook dispatcher could not hand the events over")
