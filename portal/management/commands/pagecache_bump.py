from django.core.management.base import BaseCommand

from core.versions import bump_all


class Command(BaseCommand):
    help = "Làm mới toàn bộ trang lưu đệm: bạn đọc thấy ngay nội dung mới từ yêu cầu kế tiếp."

    def handle(self, *args, **options):
        bump_all()
        self.stdout.write("Đã làm mới bộ đệm trang.")
