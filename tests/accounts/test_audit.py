"""The editorial log: publishing shows who, when, the diff and a hashed address; sign-in
events are logged; the log is read-only in the admin."""

import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.news.factories import CHIEF_EDITORS, ArticleFactory, staff_user

pytestmark = pytest.mark.django_db
ADDRESS = "203.0.113.77"


def entries_for(obj):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk)
    )


def test_a_publish_from_the_admin_is_logged_with_the_user_the_diff_and_a_hashed_address(client):
    chief = staff_user("thuky", CHIEF_EDITORS)
    article = ArticleFactory(status=Article.Status.PENDING, published_at=None)
    client.force_login(chief)
    client.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
        REMOTE_ADDR=ADDRESS,
    )
    entry = entries_for(article).filter(action=LogEntry.Action.UPDATE).latest()
    assert entry.actor == chief
    assert entry.changes_dict["status"] == ["pending", "published"]
    assert entry.remote_addr is None
    ip_hash = entry.additional_data["ip_hash"]
    assert len(ip_hash) == 32 and ADDRESS not in str(entry.additional_data)

    # The admin shows it, read-only, filtered by object type and searchable by user.
    superuser = staff_user("quantri", CHIEF_EDITORS, is_superuser=True)
    superuser.save()
    client.force_login(superuser)
    listing = client.get(reverse("admin:auditlog_logentry_changelist") + "?q=thuky")
    assert listing.status_code == 200 and article.title[:20] in listing.content.decode()
    detail = client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk]))
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    delete = client.post(
        reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403 and LogEntry.objects.filter(pk=entry.pk).exists()


def test_sign_in_events_are_logged_with_a_hashed_address(client):
    staff_user("bientap", CHIEF_EDITORS)
    client.post("/admin/login/", {"username": "bientap", "password": "sai"}, REMOTE_ADDR=ADDRESS)
    client.post(
        "/admin/login/",
        {"username": "bientap", "password": "mat-khau-rat-dai-123"},
        REMOTE_ADDR=ADDRESS,
    )
    client.post("/admin/logout/", REMOTE_ADDR=ADDRESS)
    events = [
        e.additional_data["event"]
        for e in LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("timestamp", "pk")
    ]
    assert events == ["login_failed", "login", "logout"]
    assert not LogEntry.objects.filter(additional_data__icontains=ADDRESS).exists()


def test_deleting_and_creating_articles_is_logged(client):
    chief = staff_user("thuky", CHIEF_EDITORS)
    client.force_login(chief)
    article = ArticleFactory()
    pk = article.pk
    assert entries_for(article).filter(action=LogEntry.Action.CREATE).exists()
    client.post(reverse("admin:news_article_delete", args=[pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=pk).exists()
    # Deleting moves to the trash: a change of deleted_at; deleting for good is a delete.
    trashed = entries_for(article).filter(action=LogEntry.Action.UPDATE).latest()
    assert "deleted_at" in trashed.changes_dict and trashed.actor == chief
    client.post(reverse("admin:news_article_trash"), {"pk": pk, "action": "purge"})
    deleted = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Article),
        object_pk=str(pk),
        action=LogEntry.Action.DELETE,
    )
    assert deleted.actor == chief


def test_second_factor_events_are_logged():
    from django.test import Client

    from tests.accounts.helpers import current_token, totp_device

    user = staff_user("bientap", CHIEF_EDITORS)
    device = totp_device(user)
    client = Client()
    client.post("/admin/login/", {"username": "bientap", "password": "mat-khau-rat-dai-123"})
    client.post("/tai-khoan/xac-thuc/", {"token": "000000"})
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5), tick=False):
        client.post("/tai-khoan/xac-thuc/", {"token": current_token(device)})
    events = list(
        LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(user.pk))
        .order_by("timestamp", "pk")
        .values_list("additional_data__event", flat=True)
    )
    assert events == ["login", "second_factor_failed", "second_factor_passed"]


def test_the_log_follows_every_editorial_model_by_name_but_no_reader_counter():
    from auditlog.registry import auditlog
    from django.apps import apps

    followed = {model._meta.label for model in auditlog.get_models()}
    assert followed == {
        "news.Article",
        "news.Comment",
        "documents.Document",
        "documents.DocumentFile",
        "polls.Poll",
        "polls.Choice",
        "portal.Banner",
        "portal.SiteSettings",
        "auth.User",
        "auth.Group",
    }
    for label in ("news.Article", "documents.Document"):
        model = apps.get_model(label)
        counters = {f.name for f in model._meta.fields if f.name.endswith("_count")}
        assert counters and counters <= set(auditlog.get_model_fields(model)["exclude_fields"])


def test_a_view_count_saved_with_an_edit_stays_out_of_its_diff():
    article = ArticleFactory()
    article.view_count = 11457
    article.title = "Tiêu đề do biên tập viên sửa"
    article.save()
    changes = entries_for(article).filter(action=LogEntry.Action.UPDATE).latest().changes_dict
    assert "title" in changes and "view_count" not in changes
