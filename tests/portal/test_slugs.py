import pytest

from core.text import slugify_vi
from documents.models import DocumentType, Field
from news.models import Article, Category, Tag

pytestmark = pytest.mark.django_db

SAMPLES = {
    "Chỉ thị": "chi-thi",
    "11/2026": "11-2026",
    "Chỉ thị số 11/2026-CT/TU": "chi-thi-so-11-2026-ct-tu",
    "Đảng bộ tỉnh Đắk Lắk": "dang-bo-tinh-dak-lak",
    "V/v tuyên truyền": "v-v-tuyen-truyen",
    "Nghị quyết (sửa đổi), năm 2026!": "nghi-quyet-sua-doi-nam-2026",
    "Hội nghị – Sự kiện": "hoi-nghi-su-kien",
    "  Ủy ban   Kiểm tra  ": "uy-ban-kiem-tra",
}


@pytest.mark.parametrize(("text", "slug"), SAMPLES.items())
def test_vietnamese_slugs(text, slug):
    assert slugify_vi(text) == slug


def test_every_kind_of_name_gets_a_vietnamese_slug():
    category = Category.objects.create(name="Chỉ thị, nghị quyết")
    assert category.slug == "chi-thi-nghi-quyet"
    assert Tag.objects.create(name="Kết luận 11/2026").slug == "ket-luan-11-2026"
    article = Article.objects.create(title="Chỉ thị 11/2026 của Tỉnh ủy", category=category)
    assert article.slug == "chi-thi-11-2026-cua-tinh-uy"
    assert DocumentType.objects.create(name="Chỉ thị").slug == "chi-thi"
    assert Field.objects.create(name="Tuyên truyền, báo chí").slug == "tuyen-truyen-bao-chi"
