from django.core.management.base import BaseCommand

from stats.flush import flush
from stats.services import roll_up


class Command(BaseCommand):
    help = "Chuyển ngay các lượt đếm đang chờ từ Redis vào PostgreSQL (như Celery beat)."

    def add_arguments(self, parser):
        parser.add_argument("--roll-up", action="store_true", help="Chốt cả số liệu các ngày.")

    def handle(self, *args, **options):
        summary = flush()
        if summary["skipped"]:
            self.stdout.write("Một lần chuyển khác đang chạy; bỏ qua.")
        else:
            self.stdout.write(
                f"Đã chuyển {summary['fields']} mục trong {summary['batches']} lô, "
                f"{summary['statements']} câu lệnh SQL, {summary['seconds']:.2f} s."
            )
        if options["roll_up"]:
            self.stdout.write(f"Đã chốt: {roll_up()}")
