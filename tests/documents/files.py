"""Real document files made in the tests: PDF (with a text layer or scanned), DOCX, ODT, XLSX."""

import io

from docx import Document as DocxDocument
from fpdf import FPDF
from odf.opendocument import OpenDocumentText
from odf.text import H, P
from openpyxl import Workbook
from PIL import Image

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def pdf_with_text(*paragraphs):
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("Body", fname=FONT)
    pdf.set_font("Body", size=12)
    for paragraph in paragraphs:
        pdf.multi_cell(pdf.epw, 7, paragraph)
        pdf.ln(3)
    return bytes(pdf.output())


def scanned_pdf():
    """A PDF whose only page is a picture of text: no text layer, like a scanner's output."""
    image = Image.new("RGB", (600, 300), "white")
    for x in range(50, 550):
        for y in (100, 101, 150, 151, 200, 201):
            image.putpixel((x, y), (0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(buffer, x=10, y=10, w=180)
    return bytes(pdf.output())


def docx_with_text(*paragraphs, table_row=None):
    document = DocxDocument()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table_row:
        table = document.add_table(rows=1, cols=len(table_row))
        for cell, value in zip(table.rows[0].cells, table_row, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_with_text(heading, *paragraphs):
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=heading))
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def xlsx_with_rows(title, *rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
