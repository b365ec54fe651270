"""What each Celery worker runs besides its tasks: the outbox dispatcher.

A request that owes an email (a sign-on's confirmation link, a moderator's decision) only
stores it (outbox.py): publishing a task to the broker for each one took a fifth
of a sign-on's time in the web process, and a broker round trip. Instead every worker looks in
the outbox every OUTBOX_POLL_SECONDS and hands what is owed to the workers in batches, over one
broker connection; the same look hands again the emails still unsent long after they were
handed (their message was lost while the broker was down, or their retries ran out). Several
workers may look at once: a claim skips the rows another holds, and a delivery run twice sends
once."""

import logging

from django.db import close_old_connections

from config.worker_steps import PollingStep
from signatories.mail import outbox

logger = logging.getLogger(__name__)


class OutboxDispatcher(PollingStep):
    def poll(self):
        dispatch_owed_emails()


def dispatch_owed_emails():
    """Hand over every email owed now, batch by batch. A database or broker outage is logged
    and met again at the next look; nothing is lost, since the emails stay in the outbox."""
    close_old_connections()  # a connection broken since the last look is opened afresh
    try:
        while outbox.notifications_hand_over() == outbox.HAND_OVER_BATCH:
            pass
    except Exception:
        logger.exception("The outbox dispatcher could not hand the owed emails over")
