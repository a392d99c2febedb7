import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from .models import ContactMessage

log = logging.getLogger("pages")


def submit_contact_message(*, site_email, ip_hash="", **fields):
    """Store a reader's message for staff and mail it to the site's address after the commit."""
    message = ContactMessage.objects.create(ip_hash=ip_hash, **fields)
    if site_email:
        transaction.on_commit(lambda: _mail(message, site_email))
    else:
        log.warning("pages: contact message %s not mailed: SiteSettings has no e-mail", message.pk)
    return message


def _mail(message, site_email):
    body = (
        f"Người gửi: {message.name} <{message.email}>\n"
        f"Điện thoại: {message.phone or '—'}\n"
        f"Thời gian: {message.created_at:%d/%m/%Y %H:%M}\n\n"
        f"{message.message}\n"
    )
    try:
        send_mail(
            f"[Liên hệ] {message.subject}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [site_email],
        )
    except Exception:  # the message is stored for staff; a mail server outage loses nothing
        log.exception("pages: could not mail contact message %s", message.pk)
