"""Opinions on drafts as an XLSX workbook for the drafting team."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

COLUMNS = [
    ("Dự thảo", 22),
    ("Họ và tên", 24),
    ("Cơ quan, tổ chức", 30),
    ("Thư điện tử", 28),
    ("Ý kiến góp ý", 80),
    ("Thời gian gửi", 18),
]


def opinions_xlsx(opinions):
    """``opinions`` (a queryset) as XLSX bytes, one row each, oldest first."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ý kiến góp ý"
    sheet.append([title for title, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for opinion in opinions.select_related("document").order_by("document_id", "created_at"):
        sheet.append(
            [
                opinion.document.code,
                opinion.name,
                opinion.organisation,
                opinion.email,
                opinion.text,
                timezone.localtime(opinion.created_at).replace(tzinfo=None),
            ]
        )
        sheet.cell(row=sheet.max_row, column=5).alignment = Alignment(wrap_text=True)
        sheet.cell(row=sheet.max_row, column=6).number_format = "DD/MM/YYYY HH:MM"
    for index, (_, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
