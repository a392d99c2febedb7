"""Load the demo content: site settings, banners, then each app's own demo data.

Idempotent: running it twice leaves one copy of everything.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app with demo content has a `demo.py` with `seed(stdout)`; the order matters
# (documents and polls may link to news categories, stats to articles).
DEMO_APPS = ["portal", "news", "documents", "polls", "pages", "multimedia", "stats"]


class Command(BaseCommand):
    help = "Nạp nội dung mẫu (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only when the database has no content yet (used by make run).",
        )

    def handle(self, *args, if_empty=False, **options):
        from portal.demo import has_content

        if if_empty and has_content():
            self.stdout.write("[portal] demo content already present")
            return
        for app in DEMO_APPS:
            try:
                demo = import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            with transaction.atomic():
                demo.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("[portal] demo content loaded"))
