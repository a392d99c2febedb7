"""Plain text from the attached files, for search.

Each format goes through a maintained library (pypdf, python-docx, odfpy, openpyxl); legacy
DOC through antiword or LibreOffice when one is on PATH. Every extraction has a size limit
(checked before reading) and a time limit (an interval timer in the worker's main thread,
a timeout for converters), and its text is cut at a character limit.
"""

import contextlib
import logging
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .models import DocumentFile

Status = DocumentFile.TextStatus
logger = logging.getLogger(__name__)


class ExtractionTimeout(Exception):
    pass


class _Full(Exception):
    """Raised by the collector once the character limit is reached."""


@dataclass(frozen=True)
class Extracted:
    status: str
    text: str = ""


def max_file_bytes():
    return settings.DOCUMENT_TEXT_MAX_FILE_BYTES


class _Collector:
    """Joins pieces of text up to ``limit`` characters, then stops the reader."""

    def __init__(self, limit):
        self.limit = limit
        self.parts = []
        self.length = 0

    def add(self, piece):
        piece = " ".join(str(piece).split())
        if not piece:
            return
        self.parts.append(piece)
        self.length += len(piece) + 1
        if self.length >= self.limit:
            raise _Full

    def text(self):
        return "\n".join(self.parts)[: self.limit]


@contextlib.contextmanager
def time_limit(seconds):
    """Raise ExtractionTimeout after ``seconds`` (only in the main thread: signals need it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ExtractionTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _pdf(path, out):
    from pypdf import PdfReader

    reader = PdfReader(path)
    for page in reader.pages:
        out.add(page.extract_text() or "")


def _docx(path, out):
    import docx

    document = docx.Document(path)
    for paragraph in document.paragraphs:
        out.add(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            out.add(" ".join(cell.text for cell in row.cells))


def _odf(path, out):
    from odf import teletype, text
    from odf.opendocument import load

    document = load(path)
    for element in document.getElementsByType(text.H) + document.getElementsByType(text.P):
        out.add(teletype.extractText(element))


def _xlsx(path, out):
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            out.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                out.add(" ".join(str(value) for value in row if value is not None))
    finally:
        workbook.close()


def doc_converter():
    """The command that turns a legacy .doc into text, or None when none is installed."""
    if shutil.which("antiword"):
        return "antiword"
    return shutil.which("soffice") or shutil.which("libreoffice")


def _doc(path, out, seconds):
    converter = doc_converter()
    if converter == "antiword":
        result = subprocess.run(
            ["antiword", "-w", "0", str(path)],
            capture_output=True,
            timeout=seconds,
            check=True,
            env={"ANTIWORDHOME": "/usr/share/antiword", "LANG": "C.UTF-8", "PATH": "/usr/bin"},
        )
        out.add(result.stdout.decode("utf-8", errors="replace"))
        return
    with tempfile.TemporaryDirectory() as outdir:
        subprocess.run(
            [
                converter,
                "--headless",
                f"-env:UserInstallation=file://{outdir}/profile",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
                outdir,
                str(path),
            ],
            capture_output=True,
            timeout=seconds,
            check=True,
        )
        for produced in Path(outdir).glob("*.txt"):
            out.add(produced.read_text(encoding="utf-8", errors="replace"))


READERS = {"pdf": _pdf, "docx": _docx, "odt": _odf, "ods": _odf, "xlsx": _xlsx}


def extractable(extension):
    return extension in READERS or (extension == "doc" and doc_converter() is not None)


def extract_path(path, extension, size=None):
    """Extract the text of the file at ``path``, within the configured limits."""
    extension = extension.lower()
    if not extractable(extension):
        return Extracted(Status.UNSUPPORTED)
    size = Path(path).stat().st_size if size is None else size
    if size > max_file_bytes():
        return Extracted(Status.TOO_LARGE)
    seconds = settings.DOCUMENT_TEXT_SECONDS
    out = _Collector(settings.DOCUMENT_TEXT_MAX_CHARS)
    try:
        with time_limit(seconds):
            if extension == "doc":
                _doc(path, out, seconds)
            else:
                READERS[extension](path, out)
    except _Full:
        pass
    except (ExtractionTimeout, subprocess.TimeoutExpired):
        logger.warning("Text extraction of %s stopped after %s s", path, seconds)
        return Extracted(Status.FAILED)
    except Exception:
        # A damaged or hostile upload must not stop the queue.
        logger.warning("Text extraction of %s failed", path, exc_info=True)
        return Extracted(Status.FAILED)
    text = out.text()
    if not text.strip():
        # A PDF of page images (a scan) has pages but no text layer.
        return Extracted(Status.SCANNED if extension == "pdf" else Status.DONE, "")
    return Extracted(Status.DONE, text)


def extract_document_file(document_file):
    """Extract ``document_file``'s stored file (private storage: a local path)."""
    return extract_path(
        document_file.file.path, document_file.extension, size=document_file.file.size
    )
