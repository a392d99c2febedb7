"""CSV and XLSX exports for reports upward: daily figures, articles and documents."""

import csv
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.formats import short_date, short_datetime

COLUMNS = (
    ("day", "Ngày"),
    ("visits", "Lượt truy cập"),
    ("page_views", "Lượt xem trang"),
    ("unique_visitors", "Khách riêng biệt"),
    ("views", "Lượt xem bài, văn bản"),
    ("downloads", "Lượt tải văn bản"),
    ("bot_hits", "Lượt máy chủ tìm kiếm"),
)


def _cells(row):
    return [short_date(row["day"]), *(row[name] for name, _ in COLUMNS[1:])]


def to_csv(rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 Vietnamese correctly with a BOM
    writer = csv.writer(buffer)
    writer.writerow([title for _, title in COLUMNS])
    for row in rows:
        writer.writerow(_cells(row))
    writer.writerow(["Tổng", *(sum(r[name] for r in rows) for name, _ in COLUMNS[1:])])
    return buffer.getvalue().encode("utf-8")


def to_xlsx(rows, title):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thống kê"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([t for _, t in COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row["day"], *(row[name] for name, _ in COLUMNS[1:])])
        sheet.cell(row=sheet.max_row, column=1).number_format = "DD/MM/YYYY"
    sheet.append(["Tổng", *(sum(r[name] for r in rows) for name, _ in COLUMNS[1:])])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFG", (14, 16, 16, 18, 22, 18, 22), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reports of articles and documents ----------------------------------------------------

ARTICLE_COLUMNS = (
    ("title", "Tiêu đề", 60),
    ("category", "Chuyên mục", 24),
    ("author", "Tác giả", 28),
    ("published_at", "Thời gian xuất bản", 20),
    ("period_views", "Lượt xem trong kỳ", 18),
    ("views", "Tổng lượt xem", 16),
)
DOCUMENT_COLUMNS = (
    ("code", "Số hiệu", 18),
    ("summary", "Trích yếu", 60),
    ("type", "Loại văn bản", 18),
    ("issuing_body", "Cơ quan ban hành", 28),
    ("issued_on", "Ngày ban hành", 14),
    ("period_views", "Lượt xem trong kỳ", 18),
    ("period_downloads", "Lượt tải trong kỳ", 18),
    ("views", "Tổng lượt xem", 16),
    ("downloads", "Tổng lượt tải", 16),
)
_FORMATS = {"published_at": "DD/MM/YYYY HH:MM", "issued_on": "DD/MM/YYYY"}


def _text(name, value):
    if name == "published_at":
        return short_datetime(value)
    if name == "issued_on":
        return short_date(value)
    return _clean(value)


def table_to_csv(columns, rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 Vietnamese correctly with a BOM
    writer = csv.writer(buffer)
    writer.writerow([title for _, title, _ in columns])
    for row in rows:
        writer.writerow([_text(name, row[name]) for name, _, _ in columns])
    return buffer.getvalue().encode("utf-8")


def table_to_xlsx(columns, rows, title):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Báo cáo"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([heading for _, heading, _ in columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        values = []
        for name, _, _ in columns:
            value = row[name]
            if name == "published_at":
                value = timezone.localtime(value).replace(tzinfo=None)  # Excel has no zones
            values.append(_clean(value))
        sheet.append(values)
        for index, (name, _, _) in enumerate(columns, start=1):
            if name in _FORMATS:
                sheet.cell(row=sheet.max_row, column=index).number_format = _FORMATS[name]
    for index, (_, _, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _clean(value):
    """Text an editor typed starting with =, +, - or @ stays text in a spreadsheet."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value[:1] in ("=", "+", "-", "@"):
            return "'" + value
    return value
