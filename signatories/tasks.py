from celery import shared_task

from . import services
from .outbox import DeliveryDeferred


# Only temporary failures are retried, a bounded number of times (beat hands an email still
# owed to a worker again later); a permanent refusal is recorded by the service and not raised.
@shared_task(
    autoretry_for=(DeliveryDeferred,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=10,
)
def deliver_notification(notification_id):
    services.notification_deliver(notification_id=notification_id)


@shared_task
def resend_unsent_notifications():
    """Hand again to a worker the emails still owed a few minutes on: those whose first
    enqueue was lost while the broker was down, or whose retries ran out."""
    for notification_id in services.notifications_to_requeue():
        deliver_notification.delay(notification_id)


@shared_task
def purge_contact_data():
    services.contact_data_purge()
