"""E-mails to reporters about new documents for reporters, by the types they chose."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.access import REPORTER_GROUP

from .models import Document, ReporterSubscription

logger = logging.getLogger(__name__)


def is_news_for_reporters(document):
    """A published document for reporters, recent (not an import of old ones), never sent."""
    oldest = timezone.localdate() - datetime.timedelta(days=settings.REPORTER_NOTIFY_MAX_AGE_DAYS)
    return (
        document.is_restricted
        and document.is_published
        and document.reporters_notified_at is None
        and document.issued_on >= oldest
    )


def subscriptions_for(document):
    """Subscriptions of active reporters with an address who chose this document's type."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    reporters = users.filter(groups__name=REPORTER_GROUP) | users.filter(is_staff=True)
    return (
        ReporterSubscription.objects.filter(
            document_types=document.document_type_id, user__in=reporters
        )
        .select_related("user")
        .order_by("id")
        .distinct()
    )


def build_message(document, subscription, connection):
    unsubscribe = settings.SITE_URL + subscription.get_unsubscribe_url()
    context = {
        "document": document,
        "user": subscription.user,
        "document_url": settings.SITE_URL + document.get_absolute_url(),
        "unsubscribe_url": unsubscribe,
    }
    subject = render_to_string("documents/email/new_document_subject.txt", context)
    return mail.EmailMessage(
        subject=" ".join(subject.split()),
        body=render_to_string("documents/email/new_document.txt", context),
        to=[subscription.user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>"},
        connection=connection,
    )


def notify_reporters(document_id):
    """E-mail the subscribers about ``document_id`` once, in batches; returns how many."""
    document = Document.objects.select_related("document_type").filter(pk=document_id).first()
    if document is None or not is_news_for_reporters(document):
        return 0
    # The claim: of two workers racing on the same document, one sends.
    claimed = Document.objects.filter(pk=document_id, reporters_notified_at__isnull=True).update(
        reporters_notified_at=timezone.now()
    )
    if not claimed:
        return 0
    subscriptions = list(subscriptions_for(document))
    size = settings.REPORTER_EMAIL_BATCH_SIZE
    sent = 0
    for start in range(0, len(subscriptions), size):
        with mail.get_connection() as connection:
            messages = [
                build_message(document, subscription, connection)
                for subscription in subscriptions[start : start + size]
            ]
            sent += connection.send_messages(messages) or 0
    logger.info("Notified %s reporters of document %s", sent, document_id)
    return sent
