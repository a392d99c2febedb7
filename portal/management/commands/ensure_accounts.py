"""Create the demo admin (and reporter, once that group exists) and print them once.

The credentials are kept in var/accounts.txt; later runs only point there.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from documents.access import REPORTER_GROUP


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị (và báo cáo viên) mẫu nếu chưa có."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo-reporter",
            dest="demo_reporter",
            action="store_false",
            help="không tạo tài khoản báo cáo viên mẫu",
        )

    def handle(self, *args, demo_reporter=True, **options):
        path = settings.VAR_DIR / "accounts.txt"
        User = get_user_model()
        created = []
        if not User.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", "admin@example.com", password)
            created.append(("Quản trị (admin)", "admin", password))
        group = Group.objects.filter(name=REPORTER_GROUP).first()
        if demo_reporter and group and not User.objects.filter(username="baocaovien").exists():
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user("baocaovien", "baocaovien@example.com", password)
            user.first_name = "Báo cáo viên mẫu"
            user.save()
            user.groups.add(group)
            created.append(("Báo cáo viên", "baocaovien", password))
        if created:
            settings.VAR_DIR.mkdir(exist_ok=True)
            with open(path, "a", encoding="utf-8") as handle:
                for role, username, password in created:
                    line = f"{role}: {username} / {password}"
                    handle.write(line + "\n")
                    self.stdout.write(f"[portal] account created, shown once: {line}")
            path.chmod(0o600)
        elif path.exists():
            self.stdout.write(f"[portal] demo accounts: see {path}")
