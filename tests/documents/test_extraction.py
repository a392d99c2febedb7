"""Text extraction from real files of each kind, with its limits."""

import pytest

from documents.extraction import extract_path
from documents.models import DocumentFile

from .files import docx_with_text, odt_with_text, pdf_with_text, scanned_pdf, xlsx_with_rows

Status = DocumentFile.TextStatus


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pdf_text_keeps_vietnamese_diacritics(tmp_path):
    path = write(
        tmp_path,
        "a.pdf",
        pdf_with_text("Đề cương tuyên truyền", "Phát huy vai trò của đội ngũ báo cáo viên."),
    )
    result = extract_path(path, "pdf")
    assert result.status == Status.DONE
    assert "Phát huy vai trò của đội ngũ báo cáo viên" in " ".join(result.text.split())


def test_pdf_of_page_images_is_marked_scanned(tmp_path):
    result = extract_path(write(tmp_path, "scan.pdf", scanned_pdf()), "pdf")
    assert result == type(result)(Status.SCANNED, "")


def test_docx_paragraphs_and_tables(tmp_path):
    data = docx_with_text("Hướng dẫn học tập nghị quyết", table_row=["Đơn vị", "Số lượt"])
    result = extract_path(write(tmp_path, "a.docx", data), "docx")
    assert result.status == Status.DONE
    assert "Hướng dẫn học tập nghị quyết" in result.text
    assert "Đơn vị Số lượt" in result.text


def test_odt_heading_and_paragraphs(tmp_path):
    data = odt_with_text("Kế hoạch", "Tổ chức hội nghị báo cáo viên quý IV.")
    result = extract_path(write(tmp_path, "a.odt", data), "odt")
    assert result.status == Status.DONE
    assert "Kế hoạch" in result.text
    assert "Tổ chức hội nghị báo cáo viên quý IV." in result.text


def test_xlsx_sheet_title_and_cells(tmp_path):
    data = xlsx_with_rows("Tổng hợp", ("Huyện", "Số buổi"), ("Đăk Glei", 12))
    result = extract_path(write(tmp_path, "a.xlsx", data), "xlsx")
    assert result.status == Status.DONE
    assert "Tổng hợp" in result.text
    assert "Đăk Glei 12" in result.text


def test_damaged_file_fails_without_raising(tmp_path):
    result = extract_path(write(tmp_path, "bad.docx", b"PK\x03\x04 not really a zip"), "docx")
    assert result.status == Status.FAILED


def test_file_over_the_size_limit_is_not_read(tmp_path, settings):
    settings.DOCUMENT_TEXT_MAX_FILE_BYTES = 100
    result = extract_path(write(tmp_path, "a.pdf", pdf_with_text("Nội dung")), "pdf")
    assert result.status == Status.TOO_LARGE


def test_text_is_cut_at_the_character_limit(tmp_path, settings):
    settings.DOCUMENT_TEXT_MAX_CHARS = 50
    data = docx_with_text(*(f"Đoạn văn thứ {n} của tài liệu" for n in range(20)))
    result = extract_path(write(tmp_path, "a.docx", data), "docx")
    assert result.status == Status.DONE
    assert len(result.text) == 50


def test_extraction_stops_at_the_time_limit(tmp_path, settings, monkeypatch):
    settings.DOCUMENT_TEXT_SECONDS = 1
    import documents.extraction as extraction

    def endless(path, out):
        while True:
            out.parts.clear()

    monkeypatch.setitem(extraction.READERS, "pdf", endless)
    result = extract_path(write(tmp_path, "a.pdf", pdf_with_text("x")), "pdf")
    assert result.status == Status.FAILED


@pytest.mark.parametrize("extension", ["ppt", "zip", "xls"])
def test_formats_without_a_reader_are_unsupported(tmp_path, extension):
    result = extract_path(write(tmp_path, f"a.{extension}", b"data"), extension)
    assert result.status == Status.UNSUPPORTED
