"""The staff dashboard in the admin: charts, top 10, humans vs bots, CSV and XLSX export."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from stats import clock, flush
from stats.models import DailyStats
from tests.news.factories import ArticleFactory
from tests.stats.helpers import GOOGLEBOT, make_client

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
            make_client(ip=f"192.0.2.{reader + 1}").get(article.get_absolute_url())
    make_client(agent=GOOGLEBOT).get(articles[0].get_absolute_url())
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
