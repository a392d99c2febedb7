import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from news.models import Article, EditorPreference, ReviewNotice
from stats import clock
from stats.models import DailyObjectCount
from tests.documents.factories import DocumentFactory
from tests.news.factories import (
    CHIEF_EDITORS,
    EDITORS,
    ArticleFactory,
    CommentFactory,
    staff_user,
)
from tests.pages.factories import ContactMessageFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def tiles(response):
    return {tile.key: tile for tile in response.context["tiles"]}


@pytest.fixture
def newsroom():
    editor = staff_user("bientap", EDITORS, first_name="Lan", last_name="Nguyễn Thị")
    other = staff_user("bientap2", EDITORS)
    future = timezone.now() + datetime.timedelta(days=1)
    ArticleFactory.create_batch(2, author=editor, status=Article.Status.PENDING)
    ArticleFactory(author=other, status=Article.Status.PENDING)
    ArticleFactory(author=editor, status=Article.Status.REJECTED, reject_reason="Thiếu ảnh")
    ArticleFactory(author=other, published_at=future)
    ArticleFactory(author=editor, status=Article.Status.DRAFT)
    CommentFactory.create_batch(3)
    CommentFactory(status="approved")
    return editor


def test_editor_dashboard_counts_their_own_work(client, newsroom):
    client.force_login(newsroom)
    response = client.get(INDEX)
    counts = {key: tile.count for key, tile in tiles(response).items()}
    assert counts == {"pending": 2, "scheduled": 0, "rejected": 1, "mine": 4}
    assert tiles(response)["rejected"].url.endswith("trang_thai=rejected&cua_toi=1")
    listing = client.get(tiles(response)["pending"].url)
    assert listing.context["cl"].result_count == 2


def test_chief_dashboard_counts_the_newsroom_comments_and_notices(client, newsroom):
    chief = staff_user("thuky", CHIEF_EDITORS)
    article = Article.objects.filter(status=Article.Status.PENDING).first()
    ReviewNotice.objects.create(recipient=chief, article=article, sender=newsroom)
    client.force_login(chief)
    response = client.get(INDEX)
    counts = {key: tile.count for key, tile in tiles(response).items()}
    assert counts == {"pending": 3, "scheduled": 1, "rejected": 1, "mine": 0, "comments": 3}
    html = response.content.decode()
    assert 'data-tile="pending" data-count="3"' in html
    assert "Thông báo bài gửi duyệt" in html and "Nguyễn Thị Lan" in html
    for key in ("pending", "scheduled", "comments"):
        listing = client.get(tiles(response)[key].url)
        assert listing.context["cl"].result_count == counts[key], key
    # Opening the article marks its notice read.
    client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert "Thông báo bài gửi duyệt" not in client.get(INDEX).content.decode()


def test_superuser_sees_opinions_contact_messages_and_the_audience(admin_client):
    ContactMessageFactory.create_batch(2)
    ContactMessageFactory(handled=True)
    now = timezone.now()
    draft = DocumentFactory(
        is_draft=True,
        consultation_opens_at=now - datetime.timedelta(days=3),
        consultation_closes_at=now + datetime.timedelta(days=10),
    )
    draft.opinions.create(name="Lê Văn Cường", email="c@example.vn", text="Đồng ý.")
    most_read = ArticleFactory(title="Bài đọc nhiều")
    DailyObjectCount.objects.create(
        day=clock.local_day(),
        content_type=ContentType.objects.get_for_model(Article),
        object_id=most_read.pk,
        views=1234,
    )
    response = admin_client.get(INDEX)
    counts = {key: tile.count for key, tile in tiles(response).items()}
    assert counts["contact"] == 2 and counts["opinions"] == 1
    html = response.content.decode()
    assert "Bài đọc nhiều" in html and "1.234 lượt xem" in html
    assert "Lượt truy cập hôm nay" in html
    assert admin_client.get(tiles(response)["contact"].url).context["cl"].result_count == 2
    # The existing SiteSettings warning is kept above the dashboard.
    assert "Cổng thông tin chưa đủ thông tin" in html


def test_reviewer_opts_in_to_e_mail(client):
    chief = staff_user("thuky", CHIEF_EDITORS)
    client.force_login(chief)
    client.post(reverse("admin:news_article_notifications"), {"email_on_review": "1"})
    assert EditorPreference.objects.get(user=chief).email_on_review
    client.post(reverse("admin:news_article_notifications"), {})
    assert not EditorPreference.objects.get(user=chief).email_on_review


def test_editor_cannot_opt_in_to_review_mail(client):
    client.force_login(staff_user("bientap", EDITORS))
    response = client.post(reverse("admin:news_article_notifications"), {"email_on_review": "1"})
    assert response.status_code == 403


def test_documents_manager_dashboard_shows_opinions_not_articles(client):
    client.force_login(staff_user("vanthu", "Quản lý văn bản"))
    response = client.get(INDEX)
    assert set(tiles(response)) == {"opinions"}
    html = response.content.decode()
    assert "Bài chờ duyệt" not in html and "Lượt truy cập hôm nay" in html
    assert 'data-tile="visitors"' in html
