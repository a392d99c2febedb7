"""The editorial log is kept at least AUDIT_RETENTION_DAYS and filtered by user, type, date."""

import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from documents.models import Document
from news.models import Article
from portal.trash import purge_trash
from tests.documents.factories import DocumentFactory
from tests.news.factories import CHIEF_EDITORS, EDITORS, ArticleFactory, staff_user

pytestmark = pytest.mark.django_db


def test_nothing_deletes_an_entry_younger_than_the_retention_period(settings):
    settings.AUDIT_RETENTION_DAYS = 730
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        article = ArticleFactory()
        entry = LogEntry.objects.get_for_object(article).get()
    # A purge of the trash (deleting the article for good) keeps its history.
    with time_machine.travel(start + datetime.timedelta(days=100), tick=False):
        article.deleted_at = start
        article.save()
        purge_trash()
        assert not Article.all_objects.filter(pk=article.pk).exists()
        assert LogEntry.objects.filter(pk=entry.pk).exists()
    with time_machine.travel(start + datetime.timedelta(days=729), tick=False):
        with pytest.raises(ProtectedError), transaction.atomic():
            LogEntry.objects.filter(pk=entry.pk).delete()
        with pytest.raises(ProtectedError), transaction.atomic():
            call_command("auditlogflush", "--yes")
    assert LogEntry.objects.filter(pk=entry.pk).exists()
    with time_machine.travel(start + datetime.timedelta(days=731), tick=False):
        LogEntry.objects.filter(pk=entry.pk).delete()
    assert not LogEntry.objects.filter(pk=entry.pk).exists()


def test_the_retention_setting_never_goes_below_two_years():
    from django.conf import settings

    assert settings.AUDIT_RETENTION_DAYS >= 730


def test_the_log_list_filters_by_user_object_type_and_date(client):
    chief = staff_user("thuky", CHIEF_EDITORS, first_name="Lan")
    editor = staff_user("bientap", EDITORS, first_name="Minh")
    old = timezone.now() - datetime.timedelta(days=40)
    with time_machine.travel(old, tick=False):
        article = ArticleFactory(title="Bài cũ của biên tập viên")
        LogEntry.objects.filter(object_pk=str(article.pk)).update(actor=editor)
    document = DocumentFactory(summary="Văn bản mới của thư ký")
    LogEntry.objects.filter(object_pk=str(document.pk)).update(actor=chief)
    admin = staff_user("quantri", CHIEF_EDITORS, is_superuser=True)
    admin.save()
    client.force_login(admin)
    url = reverse("admin:auditlog_logentry_changelist")
    page = client.get(url).content.decode()
    assert "Bài cũ của biên tập viên" in page and "Văn bản mới của thư ký" in page
    by_user = client.get(url, {"actor__id__exact": editor.pk}).content.decode()
    assert "Bài cũ" in by_user and "Văn bản mới" not in by_user
    document_type = ContentType.objects.get_for_model(Document)
    by_type = client.get(url, {"resource_type": document_type.pk}).content.decode()
    assert "Văn bản mới" in by_type and "Bài cũ" not in by_type
    by_date = client.get(url, {"timestamp__gte": timezone.localdate().isoformat()})
    assert "Văn bản mới" in by_date.content.decode() and "Bài cũ" not in by_date.content.decode()
