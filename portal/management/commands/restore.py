import time

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào cơ sở dữ liệu và thư mục tệp còn trống."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp .tar.gz do lệnh backup tạo ra.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Xóa dữ liệu hiện có (cơ sở dữ liệu, ảnh, văn bản) rồi khôi phục.",
        )

    def handle(self, *args, **options):
        began = time.monotonic()
        try:
            restore_backup(options["archive"], force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Đã khôi phục {options['archive']} ({time.monotonic() - began:.1f} s)")
