import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template

from news.models import Category

from .factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_rss_is_valid_xml_with_published_items(client):
    shown = ArticleFactory(title="Tin đã đăng")
    ArticleFactory(title="Tin nháp", status="draft")
    response = client.get("/rss/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["Tin đã đăng"]
    assert root.find("channel/item/link").text.endswith(shown.get_absolute_url())


def test_category_rss_has_only_that_category(client):
    category = CategoryFactory()
    ArticleFactory(category=category, title="Trong chuyên mục")
    ArticleFactory(title="Ngoài chuyên mục")
    response = client.get(f"/rss/{category.slug}/")
    root = ET.fromstring(response.content)
    assert [item.findtext("title") for item in root.iter("item")] == ["Trong chuyên mục"]
    assert client.get("/rss/khong-co/").status_code == 404


def test_sitemap_lists_categories_and_published_articles(client):
    article = ArticleFactory()
    draft = ArticleFactory(status="draft")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ET.fromstring(response.content)
    body = response.content.decode()
    assert article.get_absolute_url() in body
    assert article.category.get_absolute_url() in body
    assert draft.get_absolute_url() not in body


def test_menu_lists_categories_and_forgets_on_change(client):
    CategoryFactory(name="Tin hoạt động", order=1)
    CategoryFactory(name="Ẩn khỏi menu", show_in_menu=False)
    render = Template(
        "{% load news_tags %}{% main_menu_items as items %}"
        "{% for c in items %}{{ c.name }}|{% endfor %}"
    ).render
    assert render(Context()) == "Tin hoạt động|"
    Category.objects.create(name="Thông báo", order=2)
    assert render(Context()) == "Tin hoạt động|Thông báo|"
