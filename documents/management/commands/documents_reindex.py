"""Re-extract the text of every document file (or only the pending ones) for search."""

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from documents.models import DocumentFile
from documents.services import extract_and_store


class Command(BaseCommand):
    help = "Trích lại nội dung các tệp văn bản để tìm kiếm."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pending", action="store_true", help="Chỉ các tệp chưa được trích nội dung."
        )

    def handle(self, *args, pending=False, **options):
        files = DocumentFile.objects.order_by("id")
        if pending:
            files = files.filter(text_status=DocumentFile.TextStatus.PENDING)
        ids = list(files.values_list("id", flat=True))
        counts = {}
        started = time.monotonic()
        with tqdm(total=len(ids), desc="tệp", unit="", file=self.stderr) as bar:
            for start in range(0, len(ids), 200):
                batch = DocumentFile.objects.filter(id__in=ids[start : start + 200])
                for document_file in batch.order_by("id"):
                    status = extract_and_store(document_file).status
                    counts[status] = counts.get(status, 0) + 1
                    bar.update(1)
        labels = dict(DocumentFile.TextStatus.choices)
        summary = ", ".join(f"{labels[status]}: {n}" for status, n in sorted(counts.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã trích {len(ids)} tệp trong {time.monotonic() - started:.1f} giây"
                + (f" ({summary})" if summary else "")
                + "."
            )
        )
