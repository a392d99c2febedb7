"""Uploaded images: checked and re-encoded with Pillow before anything is stored.

Re-encoding drops whatever rode along in the file (scripts, EXIF, polyglot payloads).
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image, ImageOps

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
MAX_PIXELS = 40_000_000  # far above any photo, far below a decompression bomb
MAX_EDGE = 2400  # inline images are shown at most this wide


def _check_size(upload):
    limit = settings.IMAGE_MAX_UPLOAD_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        message = f"Ảnh quá lớn: tối đa {limit / 1024 / 1024:.0f} MB."
        raise ValidationError(message, code="too_large")


def open_checked_image(upload):
    """The decoded image of ``upload``, or ValidationError with a Vietnamese message."""
    _check_size(upload)
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow warns before it errors on huge images: refuse at the warning.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    "Chỉ nhận ảnh JPEG, PNG, GIF hoặc WebP (không nhận SVG).", code="format"
                )
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError("Ảnh có kích thước điểm ảnh quá lớn.", code="pixels")
            image.verify()
            upload.seek(0)
            image = Image.open(upload)
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError("Ảnh có kích thước điểm ảnh quá lớn.", code="pixels") from exc
    except Exception as exc:  # Pillow raises many kinds on a broken or disguised file
        raise ValidationError(
            "Tệp không phải là ảnh hợp lệ hoặc đã bị hỏng.", code="invalid"
        ) from exc
    finally:
        upload.seek(0)
    return image


def validate_image_file(upload):
    """Model/form validator: size, real image, allowed format, pixel limit."""
    if upload and not getattr(upload, "_committed", False):
        open_checked_image(upload)
    elif upload:
        _check_size(upload)


def reencode(image):
    """(bytes, extension): the image re-encoded as JPEG, or PNG when it has transparency."""
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_EDGE, MAX_EDGE))
    buffer = io.BytesIO()
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        image.convert("RGBA").save(buffer, "PNG", optimize=True)
        return buffer.getvalue(), "png"
    image.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue(), "jpg"


def dated_name(extension, folder="news/anh"):
    """news/anh/2026/11/23/<random>.jpg"""
    return f"{folder}/{timezone.localdate():%Y/%m/%d}/{uuid.uuid4().hex}.{extension}"
