import datetime

import pytest
from django.utils import timezone

from news.services import highlight

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def search(client, q, **extra):
    response = client.get("/tim-kiem/", {"q": q, **extra})
    assert response.status_code == 200
    return response


def titles(response):
    return [a.title for a in response.context["articles"]]


def test_unaccented_query_finds_accented_text(client):
    ArticleFactory(title="Hội nghị công tác tuyên giáo năm 2025")
    ArticleFactory(title="Tin khác", lead="Không liên quan", body="<p>Không có</p>")
    response = search(client, "tuyen giao")
    assert titles(response) == ["Hội nghị công tác tuyên giáo năm 2025"]
    assert "<mark>tuyên</mark> <mark>giáo</mark>" in response.content.decode()


def test_accented_query_finds_unaccented_text_and_d_stroke(client):
    ArticleFactory(title="Dang bo tinh to chuc dai hoi", lead="", body="")
    response = search(client, "Đảng bộ")
    assert titles(response) == ["Dang bo tinh to chuc dai hoi"]


def test_title_ranks_above_body_and_newer_first_on_ties(client):
    now = timezone.now()
    body_hit = ArticleFactory(
        title="Tin tổng hợp",
        lead="",
        body="<p>Bàn về chuyển đổi số.</p>",
        published_at=now - datetime.timedelta(hours=1),
    )
    older_title = ArticleFactory(
        title="Chuyển đổi số cấp xã",
        lead="",
        body="",
        published_at=now - datetime.timedelta(days=3),
    )
    newer_title = ArticleFactory(
        title="Chuyển đổi số cấp huyện",
        lead="",
        body="",
        published_at=now - datetime.timedelta(days=2),
    )
    response = search(client, "chuyen doi so")
    assert titles(response) == [newer_title.title, older_title.title, body_hit.title]


def test_drafts_are_not_found(client):
    ArticleFactory(title="Bí mật tuyên giáo", status="draft")
    assert titles(search(client, "bi mat")) == []


def test_body_snippet_is_highlighted_and_escaped():
    snippet = highlight("<p>Đảng bộ &lt;b&gt; tỉnh tổ chức đại hội</p>", "dang bo")
    assert snippet.startswith("<mark>Đảng</mark> <mark>bộ</mark>")


def test_snippet_shows_entities_as_characters_escaped_once():
    snippet = highlight("<p>Đảng &amp; Nhà nước&nbsp;về tuyên giáo &lt;b&gt;</p>", "tuyen giao")
    assert snippet == "Đảng &amp; Nhà nước về <mark>tuyên</mark> <mark>giáo</mark> &lt;b&gt;"


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("a", "từ 2 đến 100 ký tự"),
        ("", "từ 2 đến 100 ký tự"),
        ("x" * 10_000, "tối đa 100 ký tự"),
        ("!!! ??? ...", "không chỉ gồm dấu câu"),
        ("'; DROP TABLE --", None),
        ("tuyên & giáo | (!)", None),
        ("ab\x00cd", None),
        ("\x00\x00", "từ 2 đến 100 ký tự"),
    ],
)
def test_bad_queries_get_a_message_never_500(client, q, message):
    response = search(client, q)
    if message:
        assert message in response.content.decode()


def test_partial_word_falls_back_to_title_substring(client):
    ArticleFactory(title="Tuyên giáo cơ sở")
    assert titles(search(client, "tuyen gia")) == ["Tuyên giáo cơ sở"]


def test_search_paginates(client):
    ArticleFactory.create_batch(15, title="Sơ kết công tác")
    response = search(client, "so ket", page="2")
    assert len(response.context["articles"]) == 3
    assert "q=so%20ket&amp;page=1" in response.content.decode()


def test_documents_join_the_search_page(client):
    from tests.documents.factories import DocumentFactory

    DocumentFactory(summary="Hướng dẫn tuyên truyền kỷ niệm ngày thành lập Đảng")
    ArticleFactory(title="Tuyên truyền kỷ niệm ngày thành lập Đảng")
    response = search(client, "tuyen truyen ky niem")
    html = response.content.decode()
    assert len(response.context["documents"]) == 1
    assert "Văn bản" in html and "Hướng dẫn tuyên truyền kỷ niệm" in html
    assert titles(response) == ["Tuyên truyền kỷ niệm ngày thành lập Đảng"]
