"""Serving private document files: headers, Range requests, X-Accel-Redirect, counting."""

import re
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse, StreamingHttpResponse

from core.text import strip_accents

_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)
CHUNK = 64 * 1024


class RangeNotSatisfiable(Exception):
    pass


def _single_range(header):
    """(first, last) strings of a single 'bytes=a-b' range, or None if absent/unusable."""
    if not header or "," in header:
        # Several ranges: we answer with the whole file, which RFC 9110 allows.
        return None
    match = _RANGE.match(header)
    if not match or match.groups() == ("", ""):
        return None
    return match.groups()


def parse_range(header, size):
    """The (start, end) byte span (inclusive) a Range header asks for, or None for the whole.

    Unusable syntax is ignored (whole file); a start beyond the end raises RangeNotSatisfiable.
    """
    parts = _single_range(header)
    if parts is None:
        return None
    first, last = parts
    if first == "":
        # Suffix range: the last N bytes.
        length = int(last)
        if length == 0:
            raise RangeNotSatisfiable
        return max(size - length, 0), size - 1
    start = int(first)
    if start >= size:
        raise RangeNotSatisfiable
    end = int(last) if last else size - 1
    if end < start:
        return None
    return start, min(end, size - 1)


def counts_as_download(request):
    """Only a request for the whole file, or for a range from byte 0, counts as a download.

    A PDF viewer fetching later chunks of a file it already opened is not a new download.
    """
    if request.method != "GET":
        return False
    parts = _single_range(request.headers.get("Range"))
    if parts is None:
        return True
    first, _last = parts
    return first != "" and int(first) == 0


def ascii_fallback(name):
    """'Đề cương tuyên truyền.pdf' -> 'De cuong tuyen truyen.pdf' for old clients."""
    text = strip_accents(name).replace("\u2215", "-")
    text = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\%;' else "_" for ch in text)
    return text or "tai-lieu"


# A slash cannot be in a saved file's name: "V/v" (về việc) keeps its look as "V∕v"
# (U+2215 DIVISION SLASH) rather than turning into "V-v".
_PATH_SLASHES = str.maketrans({"/": "\u2215", "\\": "\u2215"})


def download_name(filename):
    """The name a reader's browser saves ``filename`` under."""
    return filename.translate(_PATH_SLASHES)


def content_disposition(filename, inline=False):
    """RFC 6266: an ASCII filename= plus the exact UTF-8 name in filename*."""
    filename = download_name(filename)
    kind = "inline" if inline else "attachment"
    return (
        f'{kind}; filename="{ascii_fallback(filename)}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )


def _file_chunks(handle, start, length):
    try:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


def file_response(request, document_file, inline=False):
    """The response carrying one DocumentFile (the caller has checked access)."""
    storage = document_file.file.storage
    name = document_file.file.name
    content_type = document_file.content_type or "application/octet-stream"
    filename = document_file.original_name or name.rsplit("/", 1)[-1]
    size = storage.size(name)

    prefix = settings.PRIVATE_MEDIA_X_ACCEL_PREFIX
    if prefix:
        # nginx sends the bytes (and answers Range itself); Django only decided who may.
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
    else:
        try:
            span = parse_range(request.headers.get("Range"), size)
        except RangeNotSatisfiable:
            response = HttpResponse(status=416, content_type="text/plain; charset=utf-8")
            response["Content-Range"] = f"bytes */{size}"
            response["Accept-Ranges"] = "bytes"
            response["X-Content-Type-Options"] = "nosniff"
            return response
        handle = storage.open(name, "rb")
        if span is None:
            response = FileResponse(handle, content_type=content_type)
            response["Content-Length"] = str(size)
        else:
            start, end = span
            length = end - start + 1
            response = StreamingHttpResponse(
                _file_chunks(handle, start, length), status=206, content_type=content_type
            )
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
            response["Content-Length"] = str(length)
        response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    # Restricted files must never sit in a shared cache; public ones gain little from it.
    response["Cache-Control"] = "private, no-store"
    return response
