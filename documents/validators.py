"""Upload checks for document files: extension AND content (magic bytes) must agree.

Office Open XML (DOCX/XLSX/PPTX) and OpenDocument (ODT/ODS) files are ZIP containers,
so a ZIP is told apart by the names inside it; legacy DOC/XLS/PPT share the OLE2 header.
"""

import os
import zipfile
from dataclasses import dataclass

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError

from core.formats import number

PDF, OLE, ZIP, DOCX, XLSX, PPTX, ODT, ODS = (
    "pdf",
    "ole",
    "zip",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
)

# extension -> (content kind it must have, Content-Type served to readers)
ALLOWED = {
    "pdf": (PDF, "application/pdf"),
    "doc": (OLE, "application/msword"),
    "xls": (OLE, "application/vnd.ms-excel"),
    "ppt": (OLE, "application/vnd.ms-powerpoint"),
    "docx": (DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": (PPTX, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "odt": (ODT, "application/vnd.oasis.opendocument.text"),
    "ods": (ODS, "application/vnd.oasis.opendocument.spreadsheet"),
    "zip": (ZIP, "application/zip"),
}
ALLOWED_LABEL = "PDF, DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS, ZIP"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# A ZIP may expand to at most this many times the upload limit (decompression bombs).
MAX_EXPANSION = 20
MAX_ZIP_ENTRIES = 10_000

KIND_LABELS = {
    PDF: "PDF",
    OLE: "tài liệu Office cũ (DOC/XLS/PPT)",
    ZIP: "tệp nén ZIP",
    DOCX: "Word (DOCX)",
    XLSX: "Excel (XLSX)",
    PPTX: "PowerPoint (PPTX)",
    ODT: "văn bản OpenDocument (ODT)",
    ODS: "bảng tính OpenDocument (ODS)",
}


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str
    size: int


def max_upload_bytes():
    return settings.DOCUMENT_MAX_UPLOAD_BYTES


def human_size(size):
    """1536 -> '1,5 KB' (Vietnamese decimal comma)."""
    size = int(size or 0)
    if size < 1024:
        return f"{number(size)} byte"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}".replace(".", ",").replace(",0 ", " ")
    return ""  # pragma: no cover


def clean_original_name(name):
    """The reader-facing file name: no directories, no control characters, bounded length."""
    name = os.path.basename(str(name).replace("\\", "/"))
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>|:*?')
    name = name.strip(" .") or "tai-lieu"
    stem, ext = os.path.splitext(name)
    return stem[: 200 - len(ext)] + ext


def _read_head(upload, length=2048):
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _zip_kind(upload):
    """Which ZIP-based format this is, after a bomb check; raises ValidationError."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise ValidationError(
                    "Tệp nén chứa quá nhiều tệp con (%(count)s).",
                    code="zip_entries",
                    params={"count": number(len(infos))},
                )
            expanded = sum(info.file_size for info in infos)
            if expanded > max_upload_bytes() * MAX_EXPANSION:
                raise ValidationError(
                    "Tệp nén khi giải nén quá lớn (%(size)s): có thể là tệp “bom nén”.",
                    code="zip_bomb",
                    params={"size": human_size(expanded)},
                )
            names = {info.filename for info in infos}
            if "mimetype" in names:
                # Read only what is compared: a huge "mimetype" entry is never inflated whole.
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(100).strip()
                if mimetype == b"application/vnd.oasis.opendocument.text":
                    return ODT
                if mimetype == b"application/vnd.oasis.opendocument.spreadsheet":
                    return ODS
            if "[Content_Types].xml" in names:
                prefixes = {name.split("/", 1)[0] for name in names if "/" in name}
                for prefix, kind in (("word", DOCX), ("xl", XLSX), ("ppt", PPTX)):
                    if prefix in prefixes:
                        return kind
            return ZIP
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise ValidationError("Tệp nén bị hỏng hoặc không đọc được.", code="bad_zip") from exc
    finally:
        upload.seek(0)


def _describe(head):
    """A Vietnamese description of disallowed content, for the error message."""
    stripped = head.lstrip().lower()
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF") or head.startswith(b"#!"):
        return "tệp chương trình (tệp thực thi)"
    if head[:4] in (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xcf\xfa\xed\xfe"):
        return "tệp chương trình (tệp thực thi)"
    if stripped.startswith((b"<!doctype html", b"<html", b"<script")) or b"<html" in stripped:
        return "trang HTML"
    if b"<svg" in stripped:
        return "ảnh SVG"
    try:
        guess = puremagic.from_string(head)
    except (puremagic.PureError, ValueError):
        return "một định dạng không xác định"
    return f"định dạng {guess.lstrip('.').upper()}" if guess else "một định dạng không xác định"


def content_kind(upload):
    """PDF/OLE/ZIP-family kind of the content, or None when it is none of the allowed ones."""
    head = _read_head(upload)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(OLE_MAGIC):
        return OLE
    if head.startswith(ZIP_MAGICS):
        return _zip_kind(upload)
    return None


def validate_document_upload(upload):
    """Check an uploaded file; returns CheckedFile or raises ValidationError (Vietnamese)."""
    size = upload.size or 0
    limit = max_upload_bytes()
    if size == 0:
        raise ValidationError("Tệp rỗng, vui lòng chọn tệp khác.", code="empty")
    if size > limit:
        raise ValidationError(
            "Tệp quá lớn (%(size)s). Dung lượng tối đa cho phép là %(limit)s.",
            code="too_large",
            params={"size": human_size(size), "limit": human_size(limit)},
        )
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    if extension not in ALLOWED:
        raise ValidationError(
            "Không chấp nhận tệp có đuôi “%(ext)s”. Chỉ nhận các định dạng: %(allowed)s.",
            code="extension",
            params={"ext": extension or "(không có)", "allowed": ALLOWED_LABEL},
        )
    expected, content_type = ALLOWED[extension]
    kind = content_kind(upload)
    if kind is None:
        raise ValidationError(
            "Nội dung tệp không khớp với đuôi .%(ext)s: tệp này là %(actual)s. "
            "Chỉ nhận các định dạng: %(allowed)s.",
            code="content",
            params={
                "ext": extension,
                "actual": _describe(_read_head(upload)),
                "allowed": ALLOWED_LABEL,
            },
        )
    # Any ZIP-based file may be uploaded as .zip; otherwise content and extension must agree.
    if kind != expected and not (expected == ZIP and kind in (DOCX, XLSX, PPTX, ODT, ODS)):
        raise ValidationError(
            "Nội dung tệp là %(actual)s, không khớp với đuôi .%(ext)s.",
            code="mismatch",
            params={"actual": KIND_LABELS[kind], "ext": extension},
        )
    return CheckedFile(extension=extension, content_type=content_type, size=size)
