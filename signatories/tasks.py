from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(
    autoretry_for=(SMTPException, OSError),
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
