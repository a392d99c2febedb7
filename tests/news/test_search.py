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


def _bulk_articles(category, rows, published_at):
    """``rows`` of (title, body) as published articles in one INSERT (the trigger indexes
    them as any save would)."""
    from news.models import Article

    Article.objects.bulk_create(
        Article(
            title=title,
            slug=f"bai-{n}",
            category=category,
            lead="",
            body=body,
            status=Article.Status.PUBLISHED,
            published_at=published_at,
        )
        for n, (title, body) in enumerate(rows)
    )


def test_phrase_then_near_words_then_scattered_words_at_volume(client):
    from .factories import CategoryFactory

    category = CategoryFactory()
    now = timezone.now()
    # 1,500 newer articles where the words appear apart, in the title too.
    scattered = [
        (
            f"Cán bộ, công chức, người lao động và đảng viên phường {n}",
            "<p>Cán bộ cơ sở học tập nghị quyết.</p>" * 3 + "<p>Đảng viên mới phát biểu.</p>",
        )
        for n in range(1500)
    ]
    _bulk_articles(category, scattered, now - datetime.timedelta(hours=1))
    phrase = ArticleFactory(
        title="Tin hoạt động cơ sở",
        lead="",
        body="<p>Đảng bộ xã tổ chức sinh hoạt chuyên đề.</p>",
        published_at=now - datetime.timedelta(days=30),
    )
    near = ArticleFactory(
        title="Tin tổng hợp",
        lead="",
        body="<p>Đảng ủy và bộ phận giúp việc được sắp xếp tinh gọn.</p>",
        published_at=now - datetime.timedelta(days=20),
    )
    # The words side by side, but the other way round: not "near" the query.
    reversed_words = ArticleFactory(
        title="Học tập nghị quyết",
        lead="",
        body="<p>Toàn thể cán bộ, đảng viên tham dự.</p>",
        published_at=now - datetime.timedelta(days=10),
    )
    response = search(client, "dang bo")
    assert response.context["page_obj"].paginator.count == 1503
    assert titles(response)[:2] == [phrase.title, near.title]
    assert reversed_words.title not in titles(response)[:2]
    assert "<mark>Đảng</mark> <mark>bộ</mark> xã" in str(response.context["articles"][0].snippet)


def test_title_phrase_ranks_above_body_phrase(client):
    body = ArticleFactory(title="Tin tổng hợp", lead="", body="<p>Hội nghị báo cáo viên.</p>")
    title = ArticleFactory(
        title="Hội nghị báo cáo viên tháng 11",
        lead="",
        body="<p>Nội dung.</p>",
        published_at=timezone.now() - datetime.timedelta(days=5),
    )
    assert titles(search(client, "hoi nghi bao cao vien")) == [title.title, body.title]


def test_highlight_marks_whole_words_only():
    snippet = highlight("<p>Bồi dưỡng cán bộ, đảng viên.</p>", "bo")
    assert snippet == "Bồi dưỡng cán <mark>bộ</mark>, đảng viên."


def test_snippet_starts_at_the_phrase_not_the_first_scattered_word():
    text = "<p>Cán bộ " + "lời dẫn dài " * 60 + "tại Đại hội Đảng bộ tỉnh.</p>"
    snippet = highlight(text, "dang bo")
    assert "<mark>Đảng</mark> <mark>bộ</mark> tỉnh" in snippet
    assert not snippet.startswith("Cán")


def test_snippet_separates_table_cells_and_paragraphs():
    text = (
        "<table><tr><th>Nội dung</th><th>Kết quả</th></tr>"
        "<tr><td>Hội nghị</td><td>Hoàn thành</td></tr></table><p>Đoạn một</p><p>Đoạn hai</p>"
    )
    assert highlight(text, "ket qua") == (
        "Nội dung <mark>Kết</mark> <mark>quả</mark> Hội nghị Hoàn thành Đoạn một Đoạn hai"
    )


def test_result_count_counts_articles_documents_and_pages(client):
    from tests.documents.factories import DocumentFactory

    DocumentFactory.create_batch(12, summary="Kế hoạch tuyên truyền chuyển đổi số")
    ArticleFactory.create_batch(3, title="Chuyển đổi số ở cơ sở")
    response = search(client, "chuyen doi so")
    html = response.content.decode()
    assert len(response.context["documents"]) == 10
    assert response.context["counts"]["total"] == 15
    assert "Tìm thấy 15 kết quả" in html and "3 bài viết, 12 văn bản" in html
    assert "Xem tất cả 12 văn bản" in html


def test_a_count_past_what_is_ranked_says_more_than(client, monkeypatch):
    from news import services

    monkeypatch.setattr(services, "SEARCH_CANDIDATES", 3)
    ArticleFactory.create_batch(4, title="Hội nghị báo cáo viên")
    html = search(client, "hoi nghi bao cao vien").content.decode()
    assert "Tìm thấy hơn 3 kết quả" in html and "hơn 3 bài viết" in html
    ArticleFactory.create_batch(1, title="Hội nghị báo cáo viên tháng mười")  # a new version
    monkeypatch.setattr(services, "SEARCH_CANDIDATES", 10)
    assert "Tìm thấy 5 kết quả" in search(client, "hoi nghi bao cao vien").content.decode()


def _search_queries(queries):
    """The captured queries that read what the search finds (not the site's frame)."""
    tables = ("news_article", "documents_document", "pages_page")
    return [q["sql"] for q in queries if any(f'"{t}"' in q["sql"] or t in q["sql"] for t in tables)]


def test_a_search_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.documents.factories import DocumentFactory
    from tests.pages.factories import PageFactory

    ArticleFactory.create_batch(15, title="Hội nghị tuyên giáo cơ sở")
    DocumentFactory.create_batch(12, summary="Kế hoạch hội nghị tuyên giáo")
    PageFactory(title="Hội nghị tuyên giáo")
    # The search picks its path from the planner's estimates: fresh statistics make it one path.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")
        cursor.execute("ANALYZE documents_document")
    search(client, "hoi nghi")  # the site's blocks (menu, side column) are cached by this page
    # Nine for the search, two for the frame (maintenance notice, banners), and one spare:
    # on a loaded CI machine the frame once needed one more between the two requests.
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(12):
        response = search(client, "tuyen giao")
    assert response.context["counts"] == {"articles": 15, "documents": 12, "pages": 1, "total": 28}
    # Per word a planner estimate, then the ranked articles and the page's rows; the ranked
    # documents with their count, their rows and their files' text; the pages and their count.
    assert len(_search_queries(queries)) == 2 + 2 + 3 + 2, _search_queries(queries)
