import factory
from django.core.files.base import ContentFile

from pages.models import ContactMessage, Leader, Page
from tests.portal.factories import png_bytes


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Trang giới thiệu {n}")
    body = "<p>Ban Tuyên giáo và Dân vận Tỉnh ủy tham mưu cho Tỉnh ủy.</p>"


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader

    name = factory.Sequence(lambda n: f"Nguyễn Văn Lãnh Đạo {n}")
    position = "Phó Trưởng Ban"
    bio = "Sinh năm 1975. Cao cấp lý luận chính trị."
    photo = factory.LazyFunction(lambda: ContentFile(png_bytes((90, 120)), name="chan-dung.png"))


class ContactMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMessage

    name = "Trần Thị Bình"
    email = "binh@example.vn"
    subject = "Hỏi về tài liệu học tập nghị quyết"
    message = "Xin cho biết nơi tải tài liệu."
