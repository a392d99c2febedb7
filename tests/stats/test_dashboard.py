"""The staff dashboard in the admin: charts, top 10, humans vs bots, CSV and XLSX export."""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from openpyxl import load_workbook

from stats import clock, flush
from stats.models import DailyObjectCount, DailyStats
from tests.news.factories import ArticleFactory
from tests.readers import make_reader
from tests.stats.helpers import GOOGLEBOT

pytestmark = pytest.mark.django_db

URL = "/admin/stats/dashboard/"


def test_dashboard_is_for_staff_only(client, django_user_model):
    assert client.get(URL).status_code == 302
    assert client.get("/thong-ke/").status_code == 302
    reader = django_user_model.objects.create_user("docgia", password="x-Pass-123456")
    client.force_login(reader)
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_dashboard_shows_charts_top_articles_and_humans_vs_bots(admin_client):
    articles = ArticleFactory.create_batch(3)
    for n, article in enumerate(articles):
        for reader in range(n + 1):
            make_reader(ip=f"192.0.2.{reader + 1}").get(article.get_absolute_url())
    make_reader(agent=GOOGLEBOT).get(articles[0].get_absolute_url())
    flush.flush()
    response = admin_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<svg class="stats-chart"') == 2 and "<title" in html
    top = response.context["top_articles"]
    assert [(row["object"], row["count"]) for row in top] == [
        (articles[2], 3),
        (articles[1], 2),
        (articles[0], 1),
    ]
    assert response.context["humans_bots"] == {"humans": 6, "bots": 1}
    assert '<div data-stat="today"><dt>Hôm nay</dt><dd>3</dd></div>' in html
    assert "/admin/stats/dashboard/" in admin_client.get("/admin/").content.decode()
    assert admin_client.get("/thong-ke/")["Location"] == URL


def test_export_a_date_range_to_csv_and_xlsx(admin_client):
    today = clock.local_day()
    for n in range(3):
        DailyStats.objects.create(
            day=today - datetime.timedelta(days=10 + n), visits=100 + n, page_views=300
        )
    start = (today - datetime.timedelta(days=12)).isoformat()
    end = (today - datetime.timedelta(days=11)).isoformat()
    response = admin_client.get(URL, {"start": start, "end": end, "export": "csv"})
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("Ngày,Lượt truy cập")
    assert text.splitlines()[-1].startswith("Tổng,203,600")
    response = admin_client.get(URL, {"start": start, "end": end, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B3"].value == 102 and sheet["B5"].value == 203


def test_a_bad_range_gets_a_vietnamese_message(admin_client):
    response = admin_client.get(URL, {"start": "2026-05-01", "end": "2026-04-01"})
    assert response.status_code == 200
    assert "“Từ ngày” phải trước" in response.content.decode()
    response = admin_client.get(URL, {"start": "hôm qua", "end": "", "export": "csv"})
    assert response.status_code == 200 and "Ngày không hợp lệ" in response.content.decode()


def report(admin_client, **params):
    return admin_client.get(URL, {f"bc-{k}": v for k, v in params.items()})


def test_articles_report_lists_the_period_filtered_by_category_and_author(
    admin_client, django_user_model
):
    from tests.news.factories import CategoryFactory

    writer = django_user_model.objects.create_user("pv1", first_name="An", last_name="Nguyễn Văn")
    politics, culture = CategoryFactory(name="Chính trị"), CategoryFactory(name="Văn hóa")
    when = datetime.datetime(2026, 3, 11, 8, 28, tzinfo=clock.zone())
    inside = ArticleFactory(
        title="Hội nghị học tập Nghị quyết",
        category=politics,
        author=writer,
        published_at=when,
        byline="",
    )
    ArticleFactory(title="Lễ hội đầu xuân", category=culture, author=writer, published_at=when)
    ArticleFactory(title="Bài của người khác", category=politics, published_at=when)
    ArticleFactory(
        title="Bài tháng trước",
        category=politics,
        author=writer,
        published_at=when - datetime.timedelta(days=30),
    )
    ArticleFactory(
        title='=HYPERLINK("x")', category=politics, author=writer, published_at=when, status="draft"
    )
    Article = type(inside)
    Article.objects.filter(pk=inside.pk).update(view_count=1334)
    DailyObjectCount.objects.create(
        day=when.date(),
        content_type=ContentType.objects.get_for_model(Article),
        object_id=inside.pk,
        views=57,
    )
    period = {"start": "2026-03-01", "end": "2026-03-31", "report": "articles"}
    response = report(admin_client, **period, category=politics.pk, author=writer.pk, format="csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="bai-viet-2026-03-01-2026-03-31.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines == [
        "Tiêu đề,Chuyên mục,Tác giả,Thời gian xuất bản,Lượt xem trong kỳ,Tổng lượt xem",
        "Hội nghị học tập Nghị quyết,Chính trị,Nguyễn Văn An,11/03/2026 08:28,57,1334",
    ]
    response = report(admin_client, **period, format="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Bài viết xuất bản từ 01/03/2026 đến 31/03/2026"
    titles = [sheet.cell(row=r, column=1).value for r in range(3, sheet.max_row + 1)]
    assert sorted(titles) == [
        "Bài của người khác",
        "Hội nghị học tập Nghị quyết",
        "Lễ hội đầu xuân",
    ]
    row = titles.index("Hội nghị học tập Nghị quyết") + 3
    assert sheet.cell(row=row, column=4).value == datetime.datetime(2026, 3, 11, 8, 28)
    assert sheet.cell(row=row, column=4).number_format == "DD/MM/YYYY HH:MM"
    assert (sheet.cell(row=row, column=5).value, sheet.cell(row=row, column=6).value) == (57, 1334)


def test_documents_report_has_views_and_downloads_filtered_by_type_and_body(admin_client):
    from documents.models import Document
    from tests.documents.factories import DocumentFactory

    first = DocumentFactory(code="125-KH/BTGTU", summary="Kế hoạch tuyên truyền")
    other = DocumentFactory(code="=cmd", summary="+ trích yếu")
    Document.objects.filter(pk=first.pk).update(view_count=40, download_count=17)
    DailyObjectCount.objects.create(
        day=datetime.date(2026, 3, 11),
        content_type=ContentType.objects.get_for_model(Document),
        object_id=first.pk,
        views=9,
        downloads=4,
    )
    period = {"start": "2026-03-01", "end": "2026-03-31", "report": "documents"}
    response = report(admin_client, **period, format="csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Số hiệu,Trích yếu,Loại văn bản,Cơ quan ban hành,Ngày ban hành")
    assert lines[1].startswith("125-KH/BTGTU,Kế hoạch tuyên truyền,")
    assert lines[1].endswith(",9,4,40,17")
    assert lines[2].startswith("'=cmd,'+ trích yếu,")  # never a formula in a spreadsheet
    response = report(
        admin_client,
        **period,
        format="xlsx",
        document_type=other.document_type_id,
        issuing_body=other.issuing_body_id,
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3 and sheet["A3"].value == "'=cmd"


def test_a_bad_report_request_gets_vietnamese_messages(admin_client):
    response = report(
        admin_client,
        start="31/02/2026",
        end="2026-03-01",
        report="ban-tin",
        format="csv",
        category="999999",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in html and "Lựa chọn không hợp lệ." in html
    assert 'id="stats-report"' in html
