import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article

from .factories import CHIEF_EDITORS, EDITORS, ArticleFactory, CategoryFactory, staff_user

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:news_article_add")


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def article_form(category, **extra):
    data = {
        "title": "Hội nghị sơ kết 6 tháng",
        "slug": "",
        "category": category.pk,
        "lead": "Sáng 20/7, hội nghị sơ kết.",
        "body": "<p>Nội dung</p>",
        "_workflow": "submit",
        "published_at_0": "",
        "published_at_1": "",
        "expires_at_0": "",
        "expires_at_1": "",
        "allow_comments": "on",
        "allow_rating": "on",
        "cover_caption": "",
        "byline": "Tin, ảnh: Hà Linh",
        "source": "",
        "reject_reason": "",
    }
    data.update(extra)
    return data


@pytest.fixture
def editor(client):
    user = staff_user("bientap", EDITORS)
    client.force_login(user)
    return user


@pytest.fixture
def chief(client):
    user = staff_user("thuky", CHIEF_EDITORS)
    client.force_login(user)
    return user


def test_editor_writes_and_submits_but_cannot_publish(client, editor):
    category = CategoryFactory()
    response = client.post(ADD_URL, article_form(category, _workflow="publish"))
    assert response.status_code == 403 and not Article.objects.exists()
    response = client.post(ADD_URL, article_form(category))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.PENDING and article.author == editor


def test_editor_cannot_edit_others_or_published_articles(client, editor):
    others = ArticleFactory(status=Article.Status.DRAFT)
    assert client.post(change_url(others), article_form(others.category)).status_code == 403
    own_published = ArticleFactory(author=editor)
    response = client.post(change_url(own_published), article_form(own_published.category))
    assert response.status_code == 403


def test_editor_has_no_bulk_publish(client, editor):
    ArticleFactory(author=editor, status=Article.Status.PENDING)
    response = client.get(reverse("admin:news_article_changelist"))
    action_form = response.context["action_form"]
    actions = [v for v, _ in action_form.fields["action"].choices] if action_form else []
    assert "publish_selected" not in actions and "unpublish_selected" not in actions


def test_editor_limited_to_assigned_categories(client, editor):
    mine, other = CategoryFactory(), CategoryFactory()
    mine.editors.add(editor)
    form = client.get(ADD_URL).context["adminform"].form
    assert list(form.fields["category"].queryset) == [mine]
    response = client.post(ADD_URL, article_form(other))
    assert response.status_code == 200 and not Article.objects.exists()


def test_chief_editor_publishes_rejects_and_unpublishes(client, chief):
    pending = ArticleFactory(status=Article.Status.PENDING, published_at=None)
    client.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish_selected", "_selected_action": [pending.pk]},
    )
    pending.refresh_from_db()
    assert pending.status == Article.Status.PUBLISHED and pending.published_at <= timezone.now()
    client.post(
        reverse("admin:news_article_changelist"),
        {"action": "unpublish_selected", "_selected_action": [pending.pk]},
    )
    pending.refresh_from_db()
    assert pending.status == Article.Status.DRAFT

    pending.status = Article.Status.PENDING
    pending.save()
    response = client.post(change_url(pending), article_form(pending.category, _workflow="reject"))
    assert response.status_code == 200  # a rejection needs a reason
    response = client.post(
        change_url(pending),
        article_form(pending.category, _workflow="reject", workflow_reason="Thiếu ảnh"),
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Article.Status.REJECTED and pending.reject_reason == "Thiếu ảnh"


def test_admin_save_keeps_counters(client, chief):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(view_count=500, rating_total=9, rating_count=2)
    data = article_form(
        article.category,
        _workflow="save",
        published_at_0=timezone.localtime(article.published_at).strftime("%Y-%m-%d"),
        published_at_1="08:00:00",
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert (article.view_count, article.rating_total, article.rating_count) == (500, 9, 2)


def test_changelist_with_filters_search_and_thumbnails(client, chief):
    ArticleFactory.create_batch(3)
    response = client.get(
        reverse("admin:news_article_changelist"), {"q": "Hội nghị", "status__exact": "published"}
    )
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3


@pytest.mark.parametrize(
    ("action", "status"),
    [("publish_selected", Article.Status.PENDING), ("unpublish_selected", "published")],
)
def test_bulk_publish_actions_bump_the_news_version(client, chief, action, status):
    from core.versions import current_versions

    article = ArticleFactory(status=status)
    before = current_versions()["news"]
    client.post(
        reverse("admin:news_article_changelist"),
        {"action": action, "_selected_action": [article.pk]},
    )
    assert current_versions()["news"] != before


@pytest.mark.parametrize("action", ["approve_selected", "reject_selected"])
def test_bulk_comment_moderation_bumps_the_news_version(admin_client, action):
    from core.versions import current_versions

    from .factories import CommentFactory

    comment = CommentFactory(status="pending")
    before = current_versions()["news"]
    response = admin_client.post(
        reverse("admin:news_comment_changelist"),
        {"action": action, "_selected_action": [comment.pk]},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status != "pending"
    assert current_versions()["news"] != before
