"""Retention: personal data left by readers is anonymised once its purpose has passed.

- names and e-mail addresses of comments: after PRIVACY_RETENTION_DAYS;
- vote and rating records (visitor ids) and every address hash: after IP_HASH_RETENTION_DAYS
  (they only serve same-day limits and double-vote checks of open polls);
- django-axes rows (raw IP and user agent): once the lockout window has passed.
Counts and texts stay; nothing that names or traces a person does."""

import datetime

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone

from accounts.privacy import purge_login_records
from documents.models import ConsultationOpinion
from news.models import Comment, Rating
from pages.models import ContactMessage
from polls.models import Vote

ANONYMOUS_NAME = "Bạn đọc"


def purge_personal_data(now=None):
    """Returns {what: rows changed}."""
    now = now or timezone.now()
    personal = now - datetime.timedelta(days=settings.PRIVACY_RETENTION_DAYS)
    hashes = now - datetime.timedelta(days=settings.IP_HASH_RETENTION_DAYS)
    done = {}
    done["comments"] = (
        Comment.objects.filter(created_at__lt=personal)
        .exclude(name=ANONYMOUS_NAME, email="")
        .update(name=ANONYMOUS_NAME, email="")
    )
    done["comment_ip"] = (
        Comment.objects.filter(created_at__lt=hashes).exclude(ip_hash="").update(ip_hash="")
    )
    done["contact_ip"] = (
        ContactMessage.objects.filter(created_at__lt=hashes).exclude(ip_hash="").update(ip_hash="")
    )
    done["opinion_ip"] = (
        ConsultationOpinion.objects.filter(created_at__lt=hashes)
        .exclude(ip_hash="", visitor="")
        .update(ip_hash="", visitor="")
    )
    # Votes of closed polls: the voter key only guarded against a second vote.
    done["votes"] = (
        Vote.objects.filter(created_at__lt=hashes, poll__closes_at__lt=now)
        .exclude(voter_key__startswith="an-")
        .update(ip_hash="", voter_key=Concat(Value("an-"), F("pk")))
    )
    done["ratings"] = (
        Rating.objects.filter(created_at__lt=hashes)
        .exclude(visitor__startswith="an-")
        .update(visitor=Concat(Value("an-"), F("pk")))
    )
    done.update(purge_login_records(now))
    return done
