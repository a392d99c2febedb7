"""python manage.py import_nukeviet --db mysql://user:pass@host:port/db --uploads /path/uploads"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from importer.nukeviet.runner import run_import
from importer.nukeviet.source import NukeVietSource, SourceError


class Command(BaseCommand):
    help = (
        "Chuyển dữ liệu từ một website NukeViet 4.x (đọc trực tiếp cơ sở dữ liệu MariaDB/MySQL): "
        "tin tức, văn bản, thăm dò, bình luận, tài khoản, thống kê, banner và đường dẫn cũ. "
        "Chạy lại chỉ nhập những gì mới hoặc đã thay đổi."
    )

    def add_arguments(self, parser):
        parser.add_argument("--db", required=True, help="mysql://user:pass@host:port/tên_csdl")
        parser.add_argument("--uploads", help="thư mục uploads/ của NukeViet")
        parser.add_argument("--prefix", default="nv4", help="tiền tố bảng (mặc định nv4)")
        parser.add_argument("--lang", default="vi", help="ngôn ngữ dữ liệu (mặc định vi)")
        parser.add_argument("--dry-run", action="store_true", help="chạy thử: không ghi gì")
        parser.add_argument(
            "--sitekey",
            default="",
            help="sitekey trong config.php của NukeViet: chỉ cần cho mật khẩu dạng cũ (4.0-4.2)",
        )
        parser.add_argument(
            "--reporters-group",
            help="mã hoặc tên nhóm thành viên là báo cáo viên (mặc định: nhóm có tên "
            "“Báo cáo viên”)",
        )
        parser.add_argument("--report-dir", help="nơi ghi tệp CSV các dòng bị bỏ qua")

    def handle(self, *args, **options):
        uploads = options["uploads"]
        if uploads and not Path(uploads).is_dir():
            raise CommandError(f"Không thấy thư mục uploads: {uploads}")
        try:
            source = NukeVietSource(options["db"], prefix=options["prefix"], lang=options["lang"])
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"NukeViet {source.version}, tiền tố {source.prefix}, ngôn ngữ {source.lang}"
        )
        started = timezone.now()
        try:
            report = run_import(
                source,
                uploads=uploads,
                dry_run=options["dry_run"],
                sitekey=options["sitekey"],
                reporters_group=options["reporters_group"],
                progress=options["verbosity"] > 0,
            )
        except KeyboardInterrupt:
            raise CommandError(
                "Đã dừng. Những lô đã xong được giữ lại; chạy lại lệnh để nhập tiếp."
            ) from None
        finally:
            source.close()
        seconds = (timezone.now() - started).total_seconds()
        for line in report.lines():
            self.stdout.write(line)
        folder = Path(options["report_dir"] or settings.VAR_DIR / "import-reports")
        folder.mkdir(parents=True, exist_ok=True)
        csv_path = folder / f"nukeviet-{timezone.localtime(started):%Y%m%d-%H%M%S}-bo-qua.csv"
        report.write_csv(csv_path)
        self.stdout.write(f"Các dòng bỏ qua và lưu ý: {csv_path}")
        self.stdout.write(self.style.SUCCESS(f"Xong sau {seconds:.1f} giây."))
