"""What each Celery worker runs for the webhooks, beside the email outbox's dispatcher: a
look every OUTBOX_POLL_SECONDS for the events due (new ones, retries whose backoff is over,
and those a dead worker held), handed to the workers. Several workers may look at once: a
claim skips the rows another holds."""

import logging

from django.db import close_old_connections

from config.worker_steps import PollingStep
from signatories.webhooks import delivery

logger = logging.getLogger(__name__)


class WebhookDispatcher(PollingStep):
    def poll(self):
        dispatch_webhooks()


def dispatch_webhooks():
    """Hand over every event due now; an outage is logged and met again at the next look."""
    close_old_connections()
    try:
        while delivery.webhooks_hand_over() == delivery.HAND_OVER_BATCH:
            pass
    except Exception:
        logger.exception("The webhook dispatcher could not hand the events over")
