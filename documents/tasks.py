import logging

from celery import shared_task
from django.conf import settings

from . import notifications
from .models import DocumentFile
from .services import extract_and_store

logger = logging.getLogger(__name__)


@shared_task(
    ignore_result=True,
    # Backstops for prefork workers; extraction itself stops after DOCUMENT_TEXT_SECONDS.
    soft_time_limit=settings.DOCUMENT_TEXT_SECONDS + 30,
    time_limit=settings.DOCUMENT_TEXT_SECONDS + 60,
)
def extract_file_text(file_id):
    """Extract one uploaded file's text for search (queued after the upload commits)."""
    document_file = DocumentFile.objects.select_related("document").filter(pk=file_id).first()
    if document_file is None or document_file.text_status != DocumentFile.TextStatus.PENDING:
        return
    extract_and_store(document_file)


def queue_extraction(file_id):
    """Queue the extraction; with the broker down the file stays pending for documents_reindex."""
    try:
        extract_file_text.delay(file_id)
    except Exception:
        logger.warning("Could not queue text extraction of file %s", file_id, exc_info=True)


@shared_task(ignore_result=True)
def notify_reporters(document_id):
    """E-mail subscribed reporters about a new document for reporters (after its commit)."""
    notifications.notify_reporters(document_id)


def queue_notification(document_id):
    try:
        notify_reporters.delay(document_id)
    except Exception:
        logger.warning("Could not queue the e-mails about document %s", document_id, exc_info=True)
