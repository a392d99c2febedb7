"""Admin upload validation, with real files of each kind generated on the fly."""

import io
import os
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from fpdf import FPDF
from openpyxl import Workbook

from documents.models import Document, DocumentFile
from documents.validators import validate_document_upload

from .factories import DocumentTypeFactory, IssuingBodyFactory


def real_pdf():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Ke hoach tuyen truyen")
    return bytes(pdf.output())


def ooxml(kind):
    """A minimal but well-formed DOCX/PPTX package."""
    part = {"docx": "word/document.xml", "pptx": "ppt/presentation.xml"}[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr(part, '<?xml version="1.0"?><document/>')
    return buffer.getvalue()


def real_xlsx():
    workbook = Workbook()
    workbook.active["A1"] = "Số liệu"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odf(kind):
    mimetype = {
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
    }[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bao-cao.txt", "Báo cáo tháng")
    return buffer.getvalue()


def ole_doc():
    # The OLE2 compound file header, as written by Word 97-2003, padded to one sector.
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + b"\x3e\x00\x03\x00\xfe\xff"
        + b"\x00" * 486
    )


def windows_exe():
    # DOS stub + PE signature: what a renamed .exe starts with.
    header = bytearray(b"MZ" + b"\x90\x00" * 29 + b"\x00" * 2)
    header[0x3C:0x40] = (64).to_bytes(4, "little")
    return bytes(header) + b"PE\x00\x00" + os.urandom(400)


def linux_elf():
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + os.urandom(200)


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<circle r='5'/></svg>"
)


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "maker", "content_type"),
    [
        ("ke-hoach.pdf", real_pdf, "application/pdf"),
        (
            "cong-van.docx",
            lambda: ooxml("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "so-lieu.xlsx",
            real_xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "bai-giang.pptx",
            lambda: ooxml("pptx"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("van-ban.odt", lambda: odf("odt"), "application/vnd.oasis.opendocument.text"),
        ("bang-tinh.ods", lambda: odf("ods"), "application/vnd.oasis.opendocument.spreadsheet"),
        ("tai-lieu.zip", plain_zip, "application/zip"),
        ("tai-lieu-goc.zip", lambda: ooxml("docx"), "application/zip"),
        ("cong-van-cu.doc", ole_doc, "application/msword"),
        ("BANG.XLS", ole_doc, "application/vnd.ms-excel"),
    ],
)
def test_allowed_files_pass(name, maker, content_type):
    checked = validate_document_upload(upload(name, maker()))
    assert checked.content_type == content_type


@pytest.mark.parametrize(
    ("name", "maker", "message"),
    [
        ("de-cuong.pdf", windows_exe, "tệp thực thi"),
        ("de-cuong.pdf", linux_elf, "tệp thực thi"),
        ("chuong-trinh.exe", windows_exe, "Không chấp nhận tệp có đuôi “exe”"),
        ("trang.pdf", lambda: HTML, "trang HTML"),
        ("trang.html", lambda: HTML, "Không chấp nhận tệp có đuôi “html”"),
        ("hinh.svg", lambda: SVG, "Không chấp nhận tệp có đuôi “svg”"),
        ("hinh.pdf", lambda: SVG, "ảnh SVG"),
        ("bao-cao.docx", real_pdf, "Nội dung tệp là PDF, không khớp với đuôi .docx"),
        ("so-lieu.xlsx", lambda: ooxml("docx"), "Word (DOCX), không khớp với đuôi .xlsx"),
        ("van-ban.odt", plain_zip, "tệp nén ZIP, không khớp với đuôi .odt"),
        ("hong.zip", lambda: b"PK\x03\x04" + os.urandom(300), "Tệp nén bị hỏng"),
        ("ghi-chu.txt", lambda: b"xin chao", "Không chấp nhận tệp có đuôi “txt”"),
        ("khong-duoi", real_pdf, "Không chấp nhận tệp có đuôi “(không có)”"),
        ("rong.pdf", lambda: b"", "Tệp rỗng"),
    ],
)
def test_disallowed_files_are_refused_with_vietnamese_message(name, maker, message):
    with pytest.raises(ValidationError) as excinfo:
        validate_document_upload(upload(name, maker()))
    assert message in " ".join(excinfo.value.messages)


def test_oversized_file_is_refused(settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
    data = real_pdf() + b"%" + b"0" * 2048
    with pytest.raises(ValidationError) as excinfo:
        validate_document_upload(upload("lon.pdf", data))
    assert "Tệp quá lớn" in excinfo.value.messages[0]
    assert "1 KB" in excinfo.value.messages[0]


def test_zip_bomb_is_refused(settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\x00" * (25 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(ValidationError) as excinfo:
        validate_document_upload(upload("bom.zip", buffer.getvalue()))
    assert "bom nén" in excinfo.value.messages[0]


# Through the admin -------------------------------------------------------------------------


def admin_payload(document_type, body, filename, data, code="CV.2500.BTGTU"):
    return {
        "code": code,
        "summary": "V/v hướng dẫn tuyên truyền",
        "document_type": document_type.pk,
        "issuing_body": body.pk,
        "issued_on": "2024-03-15",
        "access": "public",
        "is_published": "on",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-file": upload(filename, data),
        "files-0-original_name": "",
        "files-0-order": "0",
    }


@pytest.fixture
def admin_client(client, staff):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    return client


@pytest.mark.django_db
def test_admin_stores_pdf_privately_under_a_clean_name(admin_client, settings):
    document_type, body = DocumentTypeFactory(), IssuingBodyFactory()
    data = real_pdf()
    response = admin_client.post(
        reverse("admin:documents_document_add"),
        admin_payload(document_type, body, "../../Kế hoạch tuyên truyền.pdf", data),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = DocumentFile.objects.get()
    assert stored.original_name == "Kế hoạch tuyên truyền.pdf"
    assert stored.size == len(data)
    assert stored.content_type == "application/pdf"
    stem, ext = os.path.splitext(os.path.basename(stored.file.name))
    assert ext == ".pdf" and len(stem) == 32 and stem.isalnum()
    assert ".." not in stored.file.name
    path = stored.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with open(path, "rb") as handle:
        assert handle.read() == data
    with pytest.raises(ValueError):
        stored.file.url  # noqa: B018  (no public URL exists)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filename", "maker", "message"),
    [
        ("de-cuong.pdf", windows_exe, "tệp thực thi"),
        ("trang.html", lambda: HTML, "Không chấp nhận tệp có đuôi"),
        ("hinh.svg", lambda: SVG, "Không chấp nhận tệp có đuôi"),
    ],
)
def test_admin_refuses_bad_uploads_with_message(admin_client, filename, maker, message):
    document_type, body = DocumentTypeFactory(), IssuingBodyFactory()
    response = admin_client.post(
        reverse("admin:documents_document_add"),
        admin_payload(document_type, body, filename, maker()),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_oversized_upload(admin_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 2048
    document_type, body = DocumentTypeFactory(), IssuingBodyFactory()
    response = admin_client.post(
        reverse("admin:documents_document_add"),
        admin_payload(document_type, body, "lon.pdf", real_pdf() + b"%" + b"0" * 4096),
    )
    assert response.status_code == 200
    assert "Tệp quá lớn" in response.content.decode()
    assert not DocumentFile.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_duplicate_code_for_same_body(admin_client):
    document_type, body = DocumentTypeFactory(), IssuingBodyFactory()
    url = reverse("admin:documents_document_add")
    assert (
        admin_client.post(url, admin_payload(document_type, body, "a.pdf", real_pdf())).status_code
        == 302
    )
    response = admin_client.post(
        url, admin_payload(document_type, body, "b.pdf", real_pdf(), code="cv.2500.btgtu")
    )
    assert response.status_code == 200
    assert "Cơ quan này đã có văn bản mang số hiệu này." in response.content.decode()


@pytest.mark.django_db
def test_admin_pages_render(admin_client, public_doc):
    assert admin_client.get(reverse("admin:documents_document_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:documents_document_add")).status_code == 200
    response = admin_client.get(reverse("admin:documents_document_change", args=[public_doc.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chỉ nhận: PDF, DOC, DOCX" in html
    assert "Đề cương tuyên truyền.pdf" in html
    for name in ("documenttype", "issuingbody", "field"):
        assert admin_client.get(reverse(f"admin:documents_{name}_changelist")).status_code == 200


@pytest.mark.django_db
def test_admin_edit_without_new_upload_keeps_file_and_counters(admin_client, public_doc):
    Document.objects.filter(pk=public_doc.pk).update(view_count=40, download_count=9)
    stored = public_doc.files.get()
    payload = admin_payload(public_doc.document_type, public_doc.issuing_body, "x.pdf", b"")
    payload.update(
        {
            "code": public_doc.code,
            "summary": "V/v trích yếu đã sửa",
            "files-INITIAL_FORMS": "1",
            "files-0-id": str(stored.pk),
            "files-0-document": str(public_doc.pk),
            "files-0-original_name": stored.original_name,
        }
    )
    del payload["files-0-file"]
    response = admin_client.post(
        reverse("admin:documents_document_change", args=[public_doc.pk]), payload
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    public_doc.refresh_from_db()
    assert public_doc.summary == "V/v trích yếu đã sửa"
    assert (public_doc.view_count, public_doc.download_count) == (40, 9)
    kept = public_doc.files.get()
    assert kept.file.name == stored.file.name and kept.size == stored.size


def test_a_huge_mimetype_entry_is_checked_without_inflating_it(settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        padding = b" " * (60 * 1024 * 1024)
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text" + padding)
        archive.writestr("content.xml", "<office:document-content/>")
    data = buffer.getvalue()
    del padding
    tracemalloc.start()
    try:
        validate_document_upload(upload("van-ban.odt", data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The whole entry would be 60 MB; reading only its first 100 bytes stays far below.
    assert peak < 5 * 1024 * 1024
