import io

import pytest

from pages import demo
from pages.models import Leader, Page

pytestmark = pytest.mark.django_db


def test_demo_pages_load_once_and_render(client):
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    assert Page.objects.count() == 5
    assert Leader.objects.count() == 4
    for path in (
        "/gioi-thieu/",
        "/gioi-thieu/co-cau-to-chuc/",
        "/gioi-thieu/lanh-dao/",
        "/lien-he/",
        "/chinh-sach-bao-mat/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy" in client.get("/gioi-thieu/").content.decode()
