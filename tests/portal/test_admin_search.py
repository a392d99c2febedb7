import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from news.models import Comment
from tests.documents.factories import DocumentFactory
from tests.news.factories import ArticleFactory, CommentFactory, TagFactory
from tests.pages.factories import ContactMessageFactory

pytestmark = pytest.mark.django_db


def found(admin_client, name, query):
    response = admin_client.get(reverse(f"admin:{name}_changelist"), {"q": query})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


@pytest.mark.parametrize("query", ["hoi nghi", "HỘI NGHỊ", "hội nghi", "dang bo", "Đảng bộ"])
def test_article_search_ignores_accents_and_case(admin_client, query):
    wanted = ArticleFactory(title="Hội nghị Đảng bộ tỉnh")

    ArticleFactory(title="Tọa đàm báo chí", lead="Sáng nay, tọa đàm.")
    assert found(admin_client, "news_article", query) == [wanted]


def test_every_word_must_match_some_field(admin_client):
    wanted = ArticleFactory(title="Hội nghị tổng kết", byline="Tin: Thu Hà")
    ArticleFactory(title="Hội nghị sơ kết", byline="Tin: Minh")
    assert found(admin_client, "news_article", "hoi nghi thu ha") == [wanted]


def test_other_lists_search_without_accents(admin_client):
    comment = CommentFactory(name="Trần Thị Bích", text="Ý kiến về đường giao thông")
    assert found(admin_client, "news_comment", "duong giao thong") == [comment]
    document = DocumentFactory(summary="Về việc tuyên truyền Nghị quyết")
    assert found(admin_client, "documents_document", "nghi quyet") == [document]
    message = ContactMessageFactory(subject="Hỏi về tài liệu")
    assert found(admin_client, "pages_contactmessage", "tai lieu") == [message]
    assert found(admin_client, "auth_user", "admin")


def test_tag_autocomplete_ignores_accents(admin_client):
    tag = TagFactory(name="chuyển đổi số")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "chuyen doi", "app_label": "news", "model_name": "article", "field_name": "tags"},
    )
    assert [row["id"] for row in response.json()["results"]] == [str(tag.pk)]


def test_every_registered_admin_searches_without_accents():
    from portal.admin_site import AccentFreeSearchMixin

    assert all(isinstance(m, AccentFreeSearchMixin) for m in admin.site._registry.values())


def test_comment_queue_is_pending_first_newest_first(admin_client):
    now = timezone.now()
    comments = []
    for index in range(25):
        comment = CommentFactory(status="approved" if index % 3 else "pending")
        Comment.objects.filter(pk=comment.pk).update(
            created_at=now - datetime.timedelta(hours=25 - index)
        )
        comments.append(comment)
    rows = list(
        admin_client.get(reverse("admin:news_comment_changelist")).context["cl"].result_list
    )
    newest_pending = max((c for c in comments if c.status == "pending"), key=lambda c: c.pk)
    assert rows[0].pk == newest_pending.pk
    statuses = [row.status for row in rows]
    assert statuses == sorted(statuses, key=lambda s: s != "pending")
    pending_times = [row.created_at for row in rows if row.status == "pending"]
    assert pending_times == sorted(pending_times, reverse=True)
