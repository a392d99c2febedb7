import pytest
from captcha.models import CaptchaStore
from django.contrib.admin.sites import site
from django.test import RequestFactory

from news import services
from news.admin import CommentAdmin
from news.models import Comment
from stats.visitors import sign
from tests.readers import BROWSER

from .factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def comment_url(article):
    return article.get_absolute_url() + "binh-luan/"


def captcha_fields():
    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def post_comment(client, article, **data):
    payload = {"name": "Trần Thị Bình", "email": "", "text": "Ý kiến của tôi.", **captcha_fields()}
    payload.update(data)
    return client.post(comment_url(article), payload, follow=True, **BROWSER)


def test_new_comment_waits_for_moderation(client):
    article = ArticleFactory()
    response = post_comment(client, article, text="<script>alert('x')</script> Rất hay")
    html = response.content.decode()
    assert "Bình luận của bạn sẽ được biên tập trước khi đăng" in html
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.text == "<script>alert('x')</script> Rất hay"  # stored as typed, shown as text
    assert "Rất hay" not in html.split('id="binh-luan"')[1].split("<form")[0]


def test_approved_comment_appears(client):
    article = ArticleFactory()
    post_comment(client, article, text="Đồng tình với bài viết")
    services.moderate_comments(Comment.objects.all(), Comment.Status.APPROVED)
    assert "Đồng tình với bài viết" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Vui lòng nhập họ và tên."),
        ({"text": "x" * 1001}, "tối đa 1000 ký tự"),
        ({"text": "   "}, "Vui lòng nhập nội dung bình luận."),
        ({"email": "khong-phai-email"}, "Địa chỉ thư điện tử không hợp lệ."),
        ({"captcha_1": "sai"}, "Mã xác nhận không đúng"),
    ],
    ids=["no-name", "too-long", "blank", "bad-email", "bad-captcha"],
)
def test_bad_comment_gets_a_message_next_to_the_field(client, data, message):
    article = ArticleFactory()
    response = post_comment(client, article, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_comment_rate_limit_per_visitor(client):
    article = ArticleFactory()
    client.cookies["vid"] = sign("b" * 32)
    statuses = [post_comment(client, article).status_code for _ in range(4)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3] == 429
    assert Comment.objects.count() == 3


def test_comment_rate_limit_per_ip(client):
    article = ArticleFactory()
    statuses = []
    for index in range(6):
        client.cookies["vid"] = sign(f"{index:032x}")
        statuses.append(post_comment(client, article).status_code)
    assert statuses[:5] == [200] * 5 and statuses[5] == 429


def test_bots_may_not_comment(client):
    article = ArticleFactory()
    payload = {"name": "Bot", "text": "spam", **captcha_fields()}
    response = client.post(comment_url(article), payload, HTTP_USER_AGENT="curl/8.0")
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_closed_comments_are_refused(client):
    article = ArticleFactory(allow_comments=False)
    post_comment(client, article)
    assert not Comment.objects.exists()


def test_admin_lists_pending_first_and_moderates(admin_client):
    article = ArticleFactory()
    old_pending = CommentFactory(article=article, status="pending", text="chờ")
    CommentFactory(article=article, status="approved", text="đã duyệt")
    new_pending = CommentFactory(article=article, status="pending", text="chờ 2")
    request = RequestFactory().get("/")
    request.user = admin_client.get("/admin/").wsgi_request.user
    ordered = list(CommentAdmin(Comment, site).get_queryset(request))
    assert {c.pk for c in ordered[:2]} == {old_pending.pk, new_pending.pk}
    response = admin_client.post(
        "/admin/news/comment/",
        {"action": "approve_selected", "_selected_action": [old_pending.pk]},
        follow=True,
    )
    assert response.status_code == 200
    old_pending.refresh_from_db()
    assert old_pending.status == Comment.Status.APPROVED and old_pending.moderated_at
    admin_client.post(
        "/admin/news/comment/",
        {"action": "reject_selected", "_selected_action": [new_pending.pk]},
    )
    new_pending.refresh_from_db()
    assert new_pending.status == Comment.Status.REJECTED


def test_article_page_renders_the_form_without_a_captcha_challenge(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert not CaptchaStore.objects.exists()
    form = html.split('class="news-comment-form"')[1].split("</form>")[0]
    assert 'data-captcha-url="/captcha/refresh/"' in html
    # The challenge's markup waits, inert, in a <template> for news.js.
    template = form.split("<template data-captcha-template>")[1].split("</template>")[0]
    assert '<label for="id_captcha_1">Mã xác nhận</label>' in template
    assert 'name="captcha_0"' in template and "Đổi mã khác" in template
    assert 'name="captcha_0"' not in form.replace(template, "")


def test_comment_without_captcha_asks_for_one_and_keeps_the_text(client):
    article = ArticleFactory()
    text = "Ý kiến gửi khi trình duyệt tắt JavaScript."
    payload = {"name": "Lê Văn Cường", "email": "", "text": text}
    response = client.post(comment_url(article), payload, **BROWSER)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vui lòng nhập mã xác nhận" in html
    assert text in html and 'value="Lê Văn Cường"' in html
    assert not Comment.objects.exists()
    # A real challenge is now in the form (created by this POST, not by a GET).
    store = CaptchaStore.objects.get()
    assert f'name="captcha_0" value="{store.hashkey}"' in html
    assert f'src="/captcha/image/{store.hashkey}/"' in html
    assert '<label for="id_captcha_1">Mã xác nhận</label>' in html

    payload.update(captcha_0=store.hashkey, captcha_1=store.response)
    response = client.post(comment_url(article), payload, follow=True, **BROWSER)
    assert "sẽ được biên tập trước khi đăng" in response.content.decode()
    assert Comment.objects.get().text == text


def test_captcha_key_without_answer_is_refused(client):
    article = ArticleFactory()
    key = CaptchaStore.generate_key()
    response = post_comment(client, article, captcha_0=key, captcha_1="")
    assert response.status_code == 400
    assert "Vui lòng nhập mã xác nhận" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_captcha_answers_one_comment_only(client):
    article = ArticleFactory()
    captcha = captcha_fields()
    assert post_comment(client, article, **captcha).status_code == 200
    response = post_comment(client, article, text="Gửi lại lần hai", **captcha)
    assert response.status_code == 400
    assert "Mã xác nhận không đúng" in response.content.decode()
    assert Comment.objects.count() == 1


def test_captcha_refresh_endpoint_answers_the_script(client):
    """news.js relies on django-simple-captcha's refresh view and its JSON keys."""
    response = client.get("/captcha/refresh/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    data = response.json()
    assert data["image_url"] == f"/captcha/image/{data['key']}/"
    assert CaptchaStore.objects.filter(hashkey=data["key"]).exists()


def test_the_thank_you_is_shown_next_to_the_form_not_at_the_top(client):
    article = ArticleFactory()
    response = post_comment(client, article)
    assert response.redirect_chain[-1][0].endswith("#binh-luan-da-gui")
    html = response.content.decode()
    comments = html.split('id="binh-luan"')[1]
    assert 'id="binh-luan-da-gui" role="status"' in comments.split("<form")[0]
    assert "Cảm ơn bạn đã gửi bình luận" not in html.split('id="binh-luan"')[0]
