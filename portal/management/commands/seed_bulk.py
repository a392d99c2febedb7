"""Synthetic volume for benchmarks: `seed_bulk --articles 100000 --documents 5000`."""

from django.core.management.base import BaseCommand
from tqdm import tqdm


class Command(BaseCommand):
    help = "Tạo dữ liệu khối lượng lớn cho đo hiệu năng."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=0)
        parser.add_argument("--documents", type=int, default=0)
        parser.add_argument(
            "--document-files",
            action="store_true",
            help="Mỗi văn bản kèm một tệp PDF/DOCX/ODT/XLSX thật (trích bằng documents_reindex).",
        )

    def handle(self, *args, articles=0, documents=0, document_files=False, **options):
        from documents.demo import bulk_documents
        from news.demo import bulk_articles

        def create_documents(count, progress):
            return bulk_documents(count, progress, with_files=document_files)

        for label, count, create in (
            ("bài viết", articles, bulk_articles),
            ("văn bản", documents, create_documents),
        ):
            if count <= 0:
                continue
            with tqdm(total=count, desc=label, unit="", file=self.stdout) as bar:
                create(count, bar.update)
        self.stdout.write(self.style.SUCCESS("xong"))
