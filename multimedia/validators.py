"""Checks on uploaded videos and caption files: the bytes must be what the name says."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError

VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
YOUTUBE_ID = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)"
    r"(?P<id>[A-Za-z0-9_-]{11})(?:[?&#].*)?$"
)


def extension(name):
    return ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""


def _head(upload, size=64):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def validate_video_file(upload):
    limit = settings.VIDEO_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(f"Tệp video quá lớn: tối đa {limit / 1024 / 1024:.0f} MB.")
    ext = extension(upload.name)
    if ext not in VIDEO_TYPES:
        raise ValidationError("Chỉ nhận video MP4 hoặc WebM.")
    head = _head(upload)
    is_mp4 = head[4:8] == b"ftyp"
    is_webm = head[:4] == b"\x1a\x45\xdf\xa3"
    if (ext == ".mp4" and not is_mp4) or (ext == ".webm" and not is_webm):
        raise ValidationError(
            "Tệp không phải là video MP4/WebM hợp lệ (nội dung không khớp tên tệp)."
        )


def validate_captions_file(upload):
    if extension(upload.name) != ".vtt":
        raise ValidationError("Phụ đề phải là tệp WebVTT (.vtt).")
    if upload.size is not None and upload.size > 512 * 1024:
        raise ValidationError("Tệp phụ đề quá lớn: tối đa 512 KB.")
    if not _head(upload, 16).lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError("Tệp phụ đề không đúng định dạng WebVTT (phải bắt đầu bằng WEBVTT).")


def youtube_id(url):
    match = YOUTUBE_ID.match(url or "")
    return match.group("id") if match else None


def validate_youtube_url(url):
    if not youtube_id(url):
        raise ValidationError(
            "Đường dẫn YouTube không hợp lệ. Ví dụ: https://www.youtube.com/watch?v=xxxxxxxxxxx"
        )
