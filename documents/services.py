"""Changes that span a document and its files."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.versions import DOCUMENTS, bump

from .extraction import extract_document_file
from .models import ConsultationOpinion, Document, DocumentFile, ReporterSubscription

# A tsvector holds at most 1 MB: the document's searchable text is cut well below that.
DOCUMENT_TEXT_LIMIT_FACTOR = 3


def refresh_document_text(document_id):
    """Rebuild a document's ``file_text`` from its files' texts (the trigger re-indexes it)."""
    texts = DocumentFile.objects.filter(document_id=document_id).values_list("text", flat=True)
    limit = settings.DOCUMENT_TEXT_MAX_CHARS * DOCUMENT_TEXT_LIMIT_FACTOR
    text = "\n\n".join(t for t in texts if t)[:limit]
    # A queryset update: no auto_now, no signals; the page caches are told below.
    Document.objects.filter(pk=document_id).update(file_text=text)
    bump(DOCUMENTS)


def extract_and_store(document_file):
    """Extract ``document_file``'s text, store it and re-index its document."""
    result = extract_document_file(document_file)
    with transaction.atomic():
        updated = DocumentFile.objects.filter(
            pk=document_file.pk, file=document_file.file.name
        ).update(text=result.text, text_status=result.status, text_extracted_at=timezone.now())
        if updated:
            refresh_document_text(document_file.document_id)
    return result


def submit_opinion(document, *, name, organisation, email, text, visitor="", ip_hash=""):
    """Store a reader's opinion on an open draft (read by staff in the admin)."""
    return ConsultationOpinion.objects.create(
        document=document,
        name=name,
        organisation=organisation,
        email=email,
        text=text,
        visitor=visitor,
        ip_hash=ip_hash,
    )


def save_subscription(user, *, email, document_types):
    """Set the reporter's address and the document types they want e-mails about."""
    if user.email != email:
        user.email = email
        user.save(update_fields=["email"])
    subscription, _ = ReporterSubscription.objects.get_or_create(user=user)
    subscription.document_types.set(document_types)
    return subscription


def unsubscribe(token):
    """Stop every e-mail of the subscription with ``token``; False for an unknown token."""
    subscription = ReporterSubscription.objects.filter(token=token).first()
    if subscription is None:
        return False
    subscription.document_types.clear()
    return True
