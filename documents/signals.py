from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core.versions import DOCUMENTS, bumper

from .models import Document, DocumentFile, DocumentType, Field, IssuingBody
from .notifications import is_news_for_reporters
from .services import refresh_document_text
from .tasks import queue_extraction, queue_notification


@receiver(post_save, sender=Document)
def queue_reporter_emails(sender, instance, **kwargs):
    """A new published document for reporters is e-mailed to subscribers after the commit."""
    if is_news_for_reporters(instance):
        document_id = instance.pk
        transaction.on_commit(lambda: queue_notification(document_id))


@receiver(post_save, sender=DocumentFile)
def queue_text_extraction(sender, instance, **kwargs):
    """A new or replaced file gets its text extracted by a worker after the commit."""
    if instance.text_status == DocumentFile.TextStatus.PENDING and instance.file:
        file_id = instance.pk
        transaction.on_commit(lambda: queue_extraction(file_id))


@receiver(post_delete, sender=DocumentFile)
def refresh_text_after_file_delete(sender, instance, **kwargs):
    document_id = instance.document_id
    if Document.objects.filter(pk=document_id).exists():
        refresh_document_text(document_id)


@receiver(post_delete, sender=DocumentFile)
def delete_stored_file(sender, instance, **kwargs):
    # Only after the commit: a rolled-back delete must not lose the bytes.
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# Every page's right column, the archive and the document pages show these.
_bump_documents = bumper(DOCUMENTS)
for _model in (Document, DocumentType, IssuingBody, Field, DocumentFile):
    _uid = f"pagecache-documents-{_model.__name__}"
    post_save.connect(_bump_documents, sender=_model, dispatch_uid=f"{_uid}-save")
    post_delete.connect(_bump_documents, sender=_model, dispatch_uid=f"{_uid}-delete")
# The admin saves a document's fields and related documents after the document itself.
for _through in (Document.fields.through, Document.related.through):
    m2m_changed.connect(
        _bump_documents, sender=_through, dispatch_uid=f"pagecache-{_through.__name__}"
    )
