"""The staff dashboard: charts, top 10s, humans vs bots, CSV/XLSX export."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from core.formats import short_date
from stats import charts, exports, reports, services
from stats.forms import DateRangeForm, ReportForm


def _range(request):
    start, end = DateRangeForm.default_range()
    if "start" in request.GET or "end" in request.GET:
        form = DateRangeForm(request.GET)
        if not form.is_valid():
            return form, start, end, False
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    else:
        form = DateRangeForm(initial={"start": start, "end": end})
    return form, start, end, True


def _charts(days, months):
    daily = charts.bar_chart(
        "Lượt truy cập và lượt xem trang 30 ngày gần nhất",
        [d["day"].strftime("%d/%m") for d in days],
        [
            ("Lượt truy cập", "stats-chart__bar--visits", [d["visits"] for d in days]),
            ("Lượt xem trang", "stats-chart__bar--views", [d["page_views"] for d in days]),
        ],
        label_every=5,
    )
    monthly = charts.bar_chart(
        "Lượt truy cập và lượt xem trang 12 tháng gần nhất",
        [f"{m['month'].month:02d}/{m['month'].year}" for m in months],
        [
            ("Lượt truy cập", "stats-chart__bar--visits", [m["visits"] for m in months]),
            ("Lượt xem trang", "stats-chart__bar--views", [m["page_views"] for m in months]),
        ],
    )
    return mark_safe(daily), mark_safe(monthly)  # noqa: S308 built escaped


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def report_response(data):
    """The articles or documents report of a valid ReportForm, as a CSV or XLSX download."""
    start, end = data["start"], data["end"]
    period = f"từ {short_date(start)} đến {short_date(end)}"
    if data["report"] == "articles":
        rows = reports.articles(start, end, data["category"], data["author"])
        columns, title = exports.ARTICLE_COLUMNS, f"Bài viết xuất bản {period}"
    else:
        rows = reports.documents(start, end, data["document_type"], data["issuing_body"])
        columns, title = exports.DOCUMENT_COLUMNS, f"Lượt xem và lượt tải văn bản {period}"
    name = f"{'bai-viet' if data['report'] == 'articles' else 'van-ban'}-{start}-{end}"
    if data["format"] == "csv":
        return _attachment(
            exports.table_to_csv(columns, rows), "text/csv; charset=utf-8", f"{name}.csv"
        )
    return _attachment(exports.table_to_xlsx(columns, rows, title), XLSX, f"{name}.xlsx")


def dashboard_view(request, admin_context):
    default_start, default_end = DateRangeForm.default_range()
    if ReportForm().add_prefix("report") in request.GET:
        report_form = ReportForm(request.GET)
        if report_form.is_valid():
            return report_response(report_form.cleaned_data)
    else:
        report_form = ReportForm(
            initial={"start": default_start, "end": default_end, "format": "xlsx"}
        )
    form, start, end, valid = _range(request)
    rows = services.daily_rows(start, end)
    export = request.GET.get("export")
    if export in ("csv", "xlsx") and valid:
        name = f"thong-ke-{start.isoformat()}-{end.isoformat()}"
        if export == "csv":
            return _attachment(exports.to_csv(rows), "text/csv; charset=utf-8", f"{name}.csv")
        title = f"Thống kê truy cập từ {short_date(start)} đến {short_date(end)}"
        return _attachment(exports.to_xlsx(rows, title), XLSX, f"{name}.xlsx")
    chart_range = DateRangeForm.default_range()  # the last 30 days, often the range asked
    days = rows if (start, end) == chart_range else services.daily_rows(*chart_range)
    months = services.monthly_rows(12, today_row=days[-1])
    daily_chart, monthly_chart = _charts(days, months)
    totals = {
        name: sum(r[name] for r in rows)
        for name in ("visits", "page_views", "views", "downloads", "bot_hits")
    }
    context = {
        **admin_context,
        "title": "Thống kê truy cập",
        "form": form,
        "start": start,
        "end": end,
        "totals": totals,
        "humans_bots": {"humans": totals["page_views"], "bots": totals["bot_hits"]},
        "daily_chart": daily_chart,
        "monthly_chart": monthly_chart,
        "days": days,
        "months": months,
        "top_articles": services.top_objects("news.article", start, end, "views"),
        "top_documents": services.top_objects("documents.document", start, end, "views"),
        "top_downloads": services.top_objects("documents.document", start, end, "downloads"),
        "query": f"start={start.isoformat()}&end={end.isoformat()}",
        "now_figures": services.compute_block_figures(),
        "report_form": report_form,
    }
    return TemplateResponse(request, "stats/dashboard.html", context)
