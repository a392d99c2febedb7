import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task
def disable_inactive_staff():
    names = services.disable_inactive_staff()
    if names:
        logger.warning("Disabled staff accounts unused too long: %s", ", ".join(names))
    return len(names)
