"""Synthetic volume for benchmarks: `seed_bulk --articles 100000 --documents 5000`."""

from django.core.management.base import BaseCommand
from tqdm import tqdm


class Command(BaseCommand):
    help = "Tạo dữ liệu khối lượng lớn cho đo hiệu năng."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=0)
        parser.add_argument("--documents", type=int, default=0)

    def handle(self, *args, articles=0, documents=0, **options):
        from documents.demo import bulk_documents
        from news.demo import bulk_articles

        for label, count, create in (
            ("bài viết", articles, bulk_articles),
            ("văn bản", documents, bulk_documents),
        ):
            if count <= 0:
                continue
            with tqdm(total=count, desc=label, unit="", file=self.stdout) as bar:
                create(count, bar.update)
        self.stdout.write(self.style.SUCCESS("xong"))
