import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from news import services
from news.models import Article, EditorPreference, ReviewNotice

from .factories import CHIEF_EDITORS, EDITORS, ArticleFactory, CategoryFactory, staff_user
from .test_admin import ADD_URL, article_form, change_url

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:news_article_changelist")


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def editor():
    return staff_user("bientap", EDITORS, first_name="Lan", last_name="Nguyễn Thị")


@pytest.fixture
def chief():
    return staff_user("thuky", CHIEF_EDITORS, email="thuky@example.vn")


def test_editor_sees_only_draft_and_submit_buttons(client, editor):
    client.force_login(editor)
    response = client.get(ADD_URL)
    names = [name for name, _ in response.context["workflow_buttons"]]
    assert names == ["draft", "submit"]
    html = response.content.decode()
    assert 'value="draft"' in html and "Gửi duyệt" in html and "Duyệt đăng" not in html


def test_chief_sees_review_buttons_on_a_pending_article(client, chief):
    client.force_login(chief)
    article = ArticleFactory(status=Article.Status.PENDING, published_at=None)
    names = [n for n, _ in client.get(change_url(article)).context["workflow_buttons"]]
    assert names == ["draft", "submit", "publish", "schedule", "reject"]
    article.status = Article.Status.PUBLISHED
    article.save()
    names = [n for n, _ in client.get(change_url(article)).context["workflow_buttons"]]
    assert names == ["save", "schedule", "unpublish"]


def test_save_draft_keeps_the_editor_on_the_form_with_a_message(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, article_form(CategoryFactory(), _workflow="draft"))
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert response.url == change_url(article)
    assert messages_of(response) == [f"Đã lưu nháp bài “{article.title}”. Bài chưa được gửi duyệt."]


def test_submit_notifies_chief_editors_in_the_dashboard_and_by_mail_when_asked(
    client, editor, chief
):
    other_chief = staff_user("thuky2", CHIEF_EDITORS, email="thuky2@example.vn")
    EditorPreference.objects.create(user=chief, email_on_review=True)
    client.force_login(editor)
    response = client.post(ADD_URL, article_form(CategoryFactory(), _workflow="submit"))
    article = Article.objects.get()
    assert article.status == Article.Status.PENDING
    assert "Đã gửi bài" in messages_of(response)[0]
    notices = ReviewNotice.objects.filter(article=article)
    assert {n.recipient for n in notices} == {chief, other_chief}
    assert all(n.sender == editor for n in notices)
    # The test client runs on_commit callbacks only with captureOnCommitCallbacks.
    assert services.unread_notices(chief).count() == 1


def test_submit_mail_goes_only_to_those_who_opted_in(django_capture_on_commit_callbacks, editor):
    chief = staff_user("thuky", CHIEF_EDITORS, email="thuky@example.vn")
    staff_user("thuky2", CHIEF_EDITORS, email="thuky2@example.vn")
    EditorPreference.objects.create(user=chief, email_on_review=True)
    article = ArticleFactory(status=Article.Status.DRAFT, author=editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.apply_action(article, "submit")
        article.save()
        services.after_action(article, "submit", editor)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["thuky@example.vn"]
    assert "Nguyễn Thị Lan" in mail.outbox[0].body


def test_chief_publishes_now_with_a_message(client, chief):
    client.force_login(chief)
    article = ArticleFactory(status=Article.Status.PENDING, published_at=None)
    response = client.post(change_url(article), article_form(article.category, _workflow="publish"))
    assert response.url == LIST_URL
    article.refresh_from_db()
    assert article.is_public
    assert messages_of(response)[0].startswith("Đã duyệt và đăng bài")


def test_chief_rejects_with_a_reason_that_the_editor_then_reads(client, chief, editor):
    article = ArticleFactory(status=Article.Status.PENDING, published_at=None, author=editor)
    client.force_login(chief)
    response = client.post(change_url(article), article_form(article.category, _workflow="reject"))
    assert response.status_code == 200
    assert "Hãy ghi lý do trả lại" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING
    client.post(
        change_url(article),
        article_form(article.category, _workflow="reject", workflow_reason="Thiếu nguồn ảnh"),
    )
    article.refresh_from_db()
    assert (article.status, article.reject_reason) == ("rejected", "Thiếu nguồn ảnh")
    client.force_login(editor)
    assert "Thiếu nguồn ảnh" in client.get(change_url(article)).content.decode()


def test_schedule_needs_a_future_time_and_shows_as_scheduled(client, chief):
    client.force_login(chief)
    article = ArticleFactory(status=Article.Status.PENDING, published_at=None)
    response = client.post(
        change_url(article), article_form(article.category, _workflow="schedule")
    )
    assert response.status_code == 200
    assert "thời gian xuất bản trong tương lai" in response.content.decode()
    later = timezone.localtime() + datetime.timedelta(days=2)
    response = client.post(
        change_url(article),
        article_form(
            article.category,
            _workflow="schedule",
            published_at_0=later.strftime("%d/%m/%Y"),
            published_at_1=later.strftime("%H:%M:%S"),
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Đã hẹn giờ đăng bài" in messages_of(response)[0]
    article.refresh_from_db()
    assert article.is_scheduled and not article.is_public
    assert article.status_label == "Hẹn giờ"
    listing = client.get(LIST_URL).content.decode()
    assert 'data-status="scheduled">Hẹn giờ<' in listing
    form_page = client.get(change_url(article)).content.decode()
    assert 'data-status="scheduled">Hẹn giờ<' in form_page
    scheduled = client.get(LIST_URL, {"trang_thai": "scheduled"}).context["cl"]
    assert list(scheduled.queryset) == [article]


def test_chief_unpublishes(client, chief):
    client.force_login(chief)
    article = ArticleFactory()
    response = client.post(
        change_url(article), article_form(article.category, _workflow="unpublish")
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert "Đã gỡ bài" in messages_of(response)[0]


@pytest.mark.parametrize("action", ["publish", "schedule", "reject", "unpublish", "save", "hack"])
def test_forged_post_of_a_button_the_editor_lacks_is_refused(client, editor, action):
    client.force_login(editor)
    article = ArticleFactory(status=Article.Status.DRAFT, author=editor, published_at=None)
    response = client.post(
        change_url(article),
        article_form(article.category, _workflow=action, workflow_reason="x"),
    )
    assert response.status_code == 403
    assert "không có quyền" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_chief_cannot_reject_a_published_article_by_forged_post(client, chief):
    client.force_login(chief)
    article = ArticleFactory()
    response = client.post(
        change_url(article),
        article_form(article.category, _workflow="reject", workflow_reason="x"),
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_a_second_person_opening_the_article_is_told_who_else_has_it(client, chief, editor):
    article = ArticleFactory(status=Article.Status.DRAFT, author=editor, published_at=None)
    client.force_login(editor)
    assert client.get(change_url(article)).context["others_editing"] == []
    client.force_login(chief)
    response = client.get(change_url(article))
    assert response.context["others_editing"] == ["Nguyễn Thị Lan"]
    assert "cũng đang mở bài này" in response.content.decode()
    client.force_login(editor)
    beat = client.get(reverse("admin:news_article_presence", args=[article.pk])).json()
    assert beat["others"] == ["thuky"]


def test_presence_forgets_after_the_window(editor, chief):
    article = ArticleFactory()
    past = timezone.now() - datetime.timedelta(seconds=services.PRESENCE_SECONDS + 5)
    services.mark_editing(article.pk, editor, now=past)
    assert services.mark_editing(article.pk, chief) == []
