"""CSV and XLSX exports of daily figures for reports upward."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from portal.formats import short_date

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
