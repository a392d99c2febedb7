"""Upload to search through a real Celery worker: the extraction runs after the commit."""

import re

import pytest
from django.core.files.base import ContentFile

from documents.models import DocumentFile
from tests.stats.helpers import wait_for

from .factories import DocumentFactory, DocumentFileFactory
from .files import odt_with_text, scanned_pdf

pytestmark = pytest.mark.worker


def found(client):
    return client.get("/van-ban/", {"q": "ngay nha giao viet nam"}).content.decode()


def test_uploaded_files_are_extracted_by_the_worker_and_found(celery_worker_factory, client):
    document = DocumentFactory(code="KH.21.BTGTU", summary="Kế hoạch tháng 11")
    text_file = DocumentFileFactory(
        document=document,
        original_name="Kế hoạch.odt",
        file=ContentFile(
            odt_with_text("KẾ HOẠCH", "Tuyên truyền kỷ niệm ngày Nhà giáo Việt Nam."),
            name="k.odt",
        ),
    )
    scan = DocumentFileFactory(document=document, file=ContentFile(scanned_pdf(), name="s.pdf"))
    # Not extracted yet: the list finds nothing.
    assert "document-item__code" not in found(client)

    worker = celery_worker_factory()

    def statuses():
        return set(
            DocumentFile.objects.filter(pk__in=[text_file.pk, scan.pk]).values_list(
                "text_status", flat=True
            )
        )

    wait_for(lambda: DocumentFile.TextStatus.PENDING not in statuses(), "extraction", worker=worker)
    assert statuses() == {DocumentFile.TextStatus.DONE, DocumentFile.TextStatus.SCANNED}
    html = found(client)
    assert re.search(r'class="document-item__code" href="[^"]+">KH.21.BTGTU<', html)
    assert "<mark>Nhà</mark> <mark>giáo</mark> <mark>Việt</mark> <mark>Nam</mark>" in html
