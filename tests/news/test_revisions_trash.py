"""Issue 13, item 3 for articles: revisions with a diff and restore, the trash, the takedown."""

import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from core.trash import purge_trash
from news.models import Article, Rating
from tests.readers import BROWSER

from .factories import (
    CHIEF_EDITORS,
    EDITORS,
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    staff_user,
)
from .test_admin import ADD_URL, article_form, change_url

pytestmark = pytest.mark.django_db


def versions_url(article):
    return reverse("admin:news_article_versions", args=[article.pk])


def version_url(article, version):
    return reverse("admin:news_article_version", args=[article.pk, version.pk])


@pytest.fixture
def chief(client):
    user = staff_user("thuky", CHIEF_EDITORS, first_name="Lan", last_name="Nguyễn Thị")
    client.force_login(user)
    return user


def written_twice(client):
    """An article written from the admin, then retitled: two revisions."""
    category = CategoryFactory()
    client.post(ADD_URL, article_form(category, _workflow="draft", title="Tiêu đề ban đầu"))
    article = Article.objects.get()
    client.post(
        change_url(article),
        article_form(
            category,
            _workflow="draft",
            title="Tiêu đề đã sửa <script>alert(1)</script>",
            body="<p>Đoạn mới</p><p>Đoạn thứ hai</p>",
        ),
    )
    article.refresh_from_db()
    return article


def test_every_admin_save_and_workflow_step_keeps_a_revision_with_who_and_why(client, chief):
    article = written_twice(client)
    client.post(change_url(article), article_form(article.category, _workflow="publish"))
    versions = list(Version.objects.get_for_object(article).select_related("revision__user"))
    assert [v.revision.comment for v in versions] == ["Duyệt đăng", "Lưu nháp", "Lưu nháp"]
    assert {v.revision.user for v in versions} == {chief}
    assert versions[-1].field_dict["title"] == "Tiêu đề ban đầu"


def test_bulk_publish_keeps_a_revision_per_article(client, chief):
    drafts = ArticleFactory.create_batch(2, status=Article.Status.DRAFT)
    client.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]},
    )
    for article in drafts:
        (version,) = Version.objects.get_for_object(article)
        assert version.revision.comment == "Duyệt đăng" and version.revision.user == chief


def test_the_diff_of_a_revision_is_readable_escaped_and_in_vietnamese(client, chief):
    article = written_twice(client)
    listing = client.get(versions_url(article)).content.decode()
    assert "So sánh với hiện tại" in listing and "Nguyễn Thị Lan" in listing
    oldest = Version.objects.get_for_object(article).last()
    # difflib keeps the spacing with &nbsp;.
    page = client.get(version_url(article, oldest)).content.decode().replace("&nbsp;", " ")
    assert "Tiêu đề ban đầu" in page and "Tiêu đề đã sửa" in page
    assert "Hiện tại" in page and "Khôi phục phiên bản này" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page
    # The body is compared paragraph by paragraph, as text.
    assert "Đoạn thứ hai" in page and "&lt;p&gt;" not in page


def test_restoring_a_revision_is_one_click_and_leaves_a_revision_and_a_log_entry(client, chief):
    article = written_twice(client)
    oldest = Version.objects.get_for_object(article).last()
    response = client.post(version_url(article, oldest))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề ban đầu"
    newest = Version.objects.get_for_object(article).first()
    assert newest.revision.comment.startswith("Khôi phục phiên bản lúc")
    assert newest.revision.user == chief
    entry = LogEntry.objects.get_for_object(article).order_by("-timestamp").first()
    assert entry.changes_dict["title"] == [
        "Tiêu đề đã sửa <script>alert(1)</script>",
        "Tiêu đề ban đầu",
    ]
    assert entry.actor == chief


def test_an_editor_cannot_restore_an_article_into_a_category_outside_their_limits(client):
    mine, other = CategoryFactory(), CategoryFactory()
    editor = staff_user("bientap", EDITORS)
    mine.editors.add(editor)
    client.force_login(editor)
    article = ArticleFactory(author=editor, category=other, status=Article.Status.DRAFT)
    client.post(change_url(article), article_form(mine, _workflow="draft", title="Sửa lần 1"))
    client.post(change_url(article), article_form(mine, _workflow="draft", title="Sửa lần 2"))
    newer, older, baseline = Version.objects.get_for_object(article)
    # The factory's article predates revisions: its stored state was kept before the edit.
    assert baseline.revision.comment == "Bản đã có trước khi lưu phiên bản"
    # Both revisions are in the editor's category: restoring works.
    assert client.post(version_url(article, older)).status_code == 302
    # A revision whose category is not the editor's is refused.
    Version.objects.filter(pk=older.pk).update(
        serialized_data=older.serialized_data.replace(
            f'"category": {mine.pk}', f'"category": {other.pk}'
        )
    )
    older = Version.objects.get(pk=older.pk)
    assert older.field_dict["category_id"] == other.pk
    page = client.get(version_url(article, older)).content.decode()
    assert "Bạn không có quyền khôi phục" in page
    assert client.post(version_url(article, older)).status_code == 403


def test_deleting_moves_to_the_trash_and_the_article_leaves_every_public_page(client, chief):
    article = ArticleFactory(title="Bài sẽ vào thùng rác", lead="Thông tin tuyên truyền")
    url = article.get_absolute_url()
    title = "Bài sẽ vào thùng rác"
    public = {
        "/": title,
        "/tin-tuc/": title,
        article.category.get_absolute_url(): title,
        "/rss/": title,
        f"/rss/{article.category.slug}/": title,
        "/sitemap.xml": url,
        "/api/v1/articles/": title,
        f"/api/v1/articles/{article.pk}/": title,
        "/tim-kiem/?q=thung+rac": url,
    }
    assert client.get(url, **BROWSER).status_code == 200
    for path, marker in public.items():
        assert marker in client.get(path, **BROWSER).content.decode(), path

    response = client.post(reverse("admin:news_article_delete", args=[article.pk]), {"post": "yes"})
    assert response.status_code == 302
    trashed = Article.all_objects.get(pk=article.pk)
    assert trashed.deleted_at and trashed.deleted_by == chief
    assert not Article.objects.filter(pk=article.pk).exists()
    client.logout()
    assert client.get(url, **BROWSER).status_code == 404
    for path, marker in public.items():
        assert marker not in client.get(path, **BROWSER).content.decode(), path


def test_the_delete_button_asks_to_move_to_the_trash_even_with_readers_ratings(client, chief):
    """Ratings and comments stay with a trashed article: moving it needs no right to delete them."""
    article = ArticleFactory(title="Bài có bạn đọc đánh giá")
    Rating.objects.create(article=article, visitor="v" * 32, score=5)
    CommentFactory(article=article, status="approved")
    url = reverse("admin:news_article_delete", args=[article.pk])
    page = client.get(url).content.decode()
    assert "Chuyển bài “Bài có bạn đọc đánh giá” vào thùng rác?" in page
    assert f"Trong {settings.TRASH_DAYS} ngày" in page and "Có, chuyển vào thùng rác" in page
    assert "<title>Chuyển vào thùng rác" in page
    assert "không có quyền" not in page
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert Article.all_objects.get(pk=article.pk).in_trash
    assert article.ratings.count() == 1 and article.comments.count() == 1


def test_the_bulk_action_is_named_and_confirmed_as_a_move_to_the_trash(client, chief):
    articles = ArticleFactory.create_batch(2)
    listing = client.get(reverse("admin:news_article_changelist")).content.decode()
    assert "Chuyển các bài đã chọn vào thùng rác" in listing
    page = client.post(
        reverse("admin:news_article_changelist"),
        {"action": "delete_selected", "_selected_action": [a.pk for a in articles]},
    ).content.decode()
    assert "vào thùng rác?" in page and "Có, chuyển vào thùng rác" in page


def test_bulk_delete_goes_to_the_trash_and_the_admin_list_hides_it(client, chief):
    articles = ArticleFactory.create_batch(2)
    client.post(
        reverse("admin:news_article_changelist"),
        {"action": "delete_selected", "_selected_action": [a.pk for a in articles], "post": "yes"},
    )
    assert Article.all_objects.filter(deleted_at__isnull=False).count() == 2
    listing = client.get(reverse("admin:news_article_changelist")).content.decode()
    assert articles[0].title not in listing and "Thùng rác" in listing


def test_the_trash_restores_and_deletes_for_good(client, chief):
    kept, gone = ArticleFactory(title="Bài khôi phục"), ArticleFactory(title="Bài xóa hẳn")
    for article in (kept, gone):
        client.post(reverse("admin:news_article_delete", args=[article.pk]), {"post": "yes"})
    trash_url = reverse("admin:news_article_trash")
    page = client.get(trash_url).content.decode()
    assert "Bài khôi phục" in page and "Xóa vĩnh viễn" in page
    client.post(trash_url, {"pk": kept.pk, "action": "restore"})
    client.post(trash_url, {"pk": gone.pk, "action": "purge"})
    assert Article.objects.get(pk=kept.pk).deleted_at is None
    assert not Article.all_objects.filter(pk=gone.pk).exists()
    assert client.get(kept.get_absolute_url(), **BROWSER).status_code == 200


def test_an_editor_without_delete_rights_has_no_trash(client):
    client.force_login(staff_user("bientap", EDITORS))
    assert client.get(reverse("admin:news_article_trash")).status_code == 403


def test_the_beat_task_purges_the_trash_after_trash_days():
    article = ArticleFactory()
    from core import trash

    trash.move_to_trash(article, None)
    assert "trash-purge" in settings.CELERY_BEAT_SCHEDULE
    with time_machine.travel(timezone.now() + datetime.timedelta(days=settings.TRASH_DAYS - 1)):
        assert purge_trash()["news.Article"] == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=settings.TRASH_DAYS + 1)):
        assert purge_trash()["news.Article"] == 1
    assert not Article.all_objects.filter(pk=article.pk).exists()


def test_takedown_removes_the_page_at_once_with_the_reason_recorded(client, chief):
    article = ArticleFactory(title="Bài cần gỡ")
    url = article.get_absolute_url()
    reader = client.__class__()
    # A reader's visit puts the page in the page cache first.
    assert reader.get(url, **BROWSER).status_code == 200
    form = client.get(change_url(article)).content.decode()
    takedown_url = reverse("admin:news_article_takedown", args=[article.pk])
    assert takedown_url in form
    refused = client.post(takedown_url, {"reason": "  "})
    assert "Hãy ghi lý do gỡ" in refused.content.decode()
    response = client.post(takedown_url, {"reason": "Thông tin sai sự thật, chờ xác minh"})
    assert response.status_code == 302
    assert reader.get(url, **BROWSER).status_code == 404
    article = Article.objects.get(pk=article.pk)
    assert article.status == Article.Status.DRAFT
    assert article.takedown_reason == "Thông tin sai sự thật, chờ xác minh"
    assert article.taken_down_by == chief and article.taken_down_at
    entry = LogEntry.objects.get_for_object(article).order_by("-timestamp").first()
    assert entry.changes_dict["takedown_reason"][1] == "Thông tin sai sự thật, chờ xác minh"
    assert entry.actor == chief
    assert Version.objects.get_for_object(article).first().revision.comment.startswith("Gỡ ngay")
    form = client.get(change_url(article)).content.decode()
    assert "Bài đã bị gỡ ngay" in form and "Thông tin sai sự thật, chờ xác minh" in form


def test_only_chief_editors_see_and_use_the_takedown(client):
    editor = staff_user("bientap", EDITORS)
    article = ArticleFactory(author=editor)
    client.force_login(editor)
    takedown_url = reverse("admin:news_article_takedown", args=[article.pk])
    assert takedown_url not in client.get(change_url(article)).content.decode()
    assert client.post(takedown_url, {"reason": "Thử"}).status_code == 403
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
