import time

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp (ảnh, văn bản) vào một tệp .tar.gz trong var/backups/."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Thư mục chứa bản sao lưu (mặc định BACKUP_DIR).")
        parser.add_argument("--keep", type=int, help="Giữ lại bấy nhiêu bản mới nhất.")

    def handle(self, *args, **options):
        began = time.monotonic()
        try:
            path = create_backup(options["dir"], options["keep"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        size = path.stat().st_size / 1024 / 1024
        self.stdout.write(f"Đã sao lưu: {path} ({size:.1f} MB, {time.monotonic() - began:.1f} s)")
