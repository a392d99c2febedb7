"""Article and document pages counted end to end; admin saves never clobber counts."""

import re

import pytest
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile

from portal.pagecache import forget_pages
from stats import flush
from tests.documents.factories import DocumentFactory
from tests.news.factories import ArticleFactory
from tests.readers import make_reader
from tests.stats.helpers import GOOGLEBOT

pytestmark = pytest.mark.django_db


def data_attr(html, name):
    return int(re.search(rf'data-{name}="(\d+)"', html).group(1))


def test_article_views_reach_data_views_after_the_flush(travel):
    article = ArticleFactory()
    url = article.get_absolute_url()
    for n in range(3):
        reader = make_reader(ip=f"192.0.2.{n + 1}")
        assert reader.get(url).status_code == 200
        reader.get(url)  # a reload in the same 30 minutes
    make_reader(agent=GOOGLEBOT).get(url)
    flush.flush()
    forget_pages()  # shown figures lag by the page cache's time at most
    html = make_reader(ip="192.0.2.1").get(url).content.decode()
    assert data_attr(html, "views") == 3


def test_document_views_and_downloads_reach_the_page(travel, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    from documents.models import DocumentFile

    document = DocumentFactory()
    DocumentFile.objects.create(
        document=document,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="cong-van.pdf"),
        original_name="cong-van.pdf",
    )
    reader = make_reader()
    reader.get(document.get_absolute_url())
    response = reader.get(document.get_download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    reader.get(document.get_download_url())
    flush.flush()
    forget_pages()
    html = make_reader(ip="192.0.2.77").get(document.get_absolute_url()).content.decode()
    assert data_attr(html, "downloads") == 1
    document.refresh_from_db()
    assert (document.view_count, document.download_count) == (1, 1)


def test_an_admin_save_of_a_stale_object_keeps_the_flushed_counts(travel):
    article = ArticleFactory()
    document = DocumentFactory()
    stale_article = type(article).objects.get(pk=article.pk)
    stale_document = type(document).objects.get(pk=document.pk)
    reader = make_reader()
    reader.get(article.get_absolute_url())
    reader.get(document.get_absolute_url())
    flush.flush()
    stale_article.title = "Tiêu đề đã sửa"
    stale_article.save()  # what the admin does with the object it loaded before the flush
    stale_document.summary = "V/v trích yếu đã sửa"
    stale_document.save()
    article.refresh_from_db()
    document.refresh_from_db()
    assert (article.title, article.view_count) == ("Tiêu đề đã sửa", 1)
    assert (document.summary, document.view_count) == ("V/v trích yếu đã sửa", 1)


def _form_data(form, prefix=None):
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        key = f"{prefix}-{name}" if prefix else name
        if value is None or isinstance(value, FieldFile):
            continue
        if isinstance(value, list | tuple):
            data[key] = [getattr(v, "pk", v) for v in value]
        else:
            data[key] = getattr(value, "pk", value)
    return data


def test_admin_change_form_post_keeps_counts(travel, admin_client):
    article = ArticleFactory()
    url = f"/admin/news/article/{article.pk}/change/"
    page = admin_client.get(url)  # the editor opens the form before the readers come
    assert page.status_code == 200
    make_reader().get(article.get_absolute_url())
    flush.flush()
    data = _form_data(page.context["adminform"].form)
    data["title"] = "Tiêu đề sửa trong trang quản trị"
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form, formset.management_form.prefix))
        for form in formset.initial_forms:
            data.update(_form_data(form, form.prefix))
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(formset.initial_forms)
    response = admin_client.post(url, data)
    assert response.status_code == 302, [
        f.formset.errors for f in response.context["inline_admin_formsets"]
    ] + [response.context["adminform"].form.errors]
    article.refresh_from_db()
    assert (article.title, article.view_count) == ("Tiêu đề sửa trong trang quản trị", 1)
