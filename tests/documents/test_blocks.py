import io

import pytest
from django.template import Context, RequestContext, Template
from django.test import RequestFactory

from documents import demo
from documents.models import Document, DocumentFile
from documents.search import search_documents

from .factories import DocumentFactory


def render(source, request=None):
    template = Template("{% load documents_tags %}" + source)
    if request is None:
        return template.render(Context({}))
    return template.render(RequestContext(request, {}))


@pytest.mark.django_db
def test_new_documents_block_lists_six_newest_with_counts_and_is_cached(
    django_assert_num_queries,
):
    docs = [DocumentFactory(summary=f"V/v nội dung số {n}") for n in range(8)]
    Document.objects.filter(pk=docs[-1].pk).update(view_count=753, download_count=173)
    DocumentFactory(is_published=False, code="NHAP.1")
    html = render("{% new_documents %}")
    assert "Văn bản mới" in html
    assert html.count('class="new-documents__item"') == 6
    assert docs[-1].code in html and docs[1].code not in html
    assert "Lượt xem: 753 | lượt tải: 173" in html
    assert "NHAP.1" not in html
    with django_assert_num_queries(0):
        assert render("{% new_documents %}") == html


@pytest.mark.django_db
def test_new_documents_block_refreshes_when_a_document_is_saved():
    render("{% new_documents %}")
    document = DocumentFactory(code="CV.9999.MOI")
    assert "CV.9999.MOI" in render("{% new_documents %}")
    document.is_published = False
    document.save()
    assert "CV.9999.MOI" not in render("{% new_documents %}")


@pytest.mark.django_db
def test_reporter_box_for_anonymous_posts_to_login_with_next(client):
    request = RequestFactory().get("/van-ban/?year=2024")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = render("{% reporter_login_box %}", request)
    assert "Đăng nhập để sử dụng tài liệu Báo cáo viên" in html
    assert 'action="/tai-khoan/dang-nhap/"' in html
    assert 'name="next" value="/van-ban/?year=2024"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'id="idle-dialog"' not in html


@pytest.mark.django_db
def test_reporter_box_for_reporter_greets_and_carries_the_idle_dialog(reporter, settings):
    settings.SESSION_IDLE_SECONDS = 1800
    settings.SESSION_IDLE_WARNING_SECONDS = 60
    request = RequestFactory().get("/")
    request.user = reporter
    html = render("{% reporter_login_box %}", request)
    assert "Xin chào" in html and "Lan" in html
    assert 'action="/tai-khoan/dang-xuat/"' in html
    assert 'role="alertdialog"' in html
    assert 'data-idle-seconds="1800"' in html and 'data-warning-seconds="60"' in html
    assert "Tiếp tục làm việc" in html
    assert 'Thời gian chờ: <strong><span id="idle-dialog-seconds">60</span> giây' in html


@pytest.mark.django_db
def test_sidebar_on_every_page_has_both_blocks(client, public_doc):
    html = client.get("/van-ban/").content.decode()
    assert "Đăng nhập để sử dụng tài liệu Báo cáo viên" in html
    assert "Văn bản mới" in html


# Search -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_search_is_accent_insensitive_over_code_and_summary(reporter):
    a = DocumentFactory(code="CV.2453.VPTU", summary="V/v điều tra dư luận xã hội định kỳ")
    b = DocumentFactory(
        code="CV.2431.BTGTU", summary="V/v tuyên truyền kỷ niệm ngày thành lập Đảng"
    )
    DocumentFactory(code="CV.1.NHAP", summary="điều tra bản nháp", is_published=False)
    assert list(search_documents("dieu tra")) == [a]
    assert list(search_documents("ĐIỀU TRA DƯ LUẬN")) == [a]
    assert list(search_documents("cv.2431")) == [b]
    assert list(search_documents("2453")) == [a]
    assert list(search_documents("")) == []
    assert list(search_documents("   ")) == []
    assert list(search_documents("'; DROP TABLE x; --")) == []


@pytest.mark.django_db
def test_search_ranks_exact_code_first():
    DocumentFactory(code="CV.2453.BTGTU", summary="V/v trả lời công văn CV.2453.VPTU")
    exact = DocumentFactory(code="CV.2453.VPTU", summary="V/v điều tra dư luận")
    assert search_documents("CV.2453.VPTU").first() == exact


@pytest.mark.django_db
def test_search_results_include_renders_documents(restricted_doc):
    from django.template.loader import render_to_string

    html = render_to_string(
        "documents/includes/search_results.html",
        {"documents": search_documents("de cuong")},
    )
    assert restricted_doc.code in html and "Dành cho báo cáo viên" in html
    empty = render_to_string("documents/includes/search_results.html", {"documents": []})
    assert "Không tìm thấy văn bản phù hợp." in empty


@pytest.mark.django_db
def test_sitemap_lists_public_documents_only(client, public_doc, restricted_doc):
    from documents.sitemaps import DocumentSitemap

    items = list(DocumentSitemap().items())
    assert public_doc in items and restricted_doc not in items


# Model rules --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_save_never_overwrites_counters():
    document = DocumentFactory()
    stale = Document.objects.get(pk=document.pk)
    Document.objects.filter(pk=document.pk).update(view_count=50, download_count=7)
    stale.summary = "V/v sửa trích yếu"
    stale.save()
    document.refresh_from_db()
    assert (document.view_count, document.download_count) == (50, 7)
    assert document.summary == "V/v sửa trích yếu"
    assert document.slug.endswith("v-v-sua-trich-yeu")
    assert "v/v sua trich yeu" in document.search_text


@pytest.mark.django_db
def test_queryset_vocabulary(reporter, staff, plain_user, public_doc, restricted_doc):
    draft = DocumentFactory(is_published=False)
    assert set(Document.objects.published()) == {public_doc, restricted_doc}
    assert set(Document.objects.visible_to(plain_user)) == {public_doc, restricted_doc}
    assert set(Document.objects.visible_to(staff)) == {public_doc, restricted_doc, draft}
    assert restricted_doc.can_download(reporter) and not restricted_doc.can_download(plain_user)


# Demo content -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_seed_is_idempotent_with_real_pdfs():
    out = io.StringIO()
    demo.seed(out)
    demo.seed(out)
    assert Document.objects.count() >= 20
    assert Document.objects.filter(access="reporters").count() >= 4
    assert DocumentFile.objects.count() == Document.objects.count()
    years = {d.year for d in Document.objects.dates("issued_on", "year")}
    assert len(years) >= 2
    assert Document.objects.filter(code="CV.2453.VPTU", issuing_body__code="VPTU").exists()
    document_file = DocumentFile.objects.first()
    with document_file.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


@pytest.mark.django_db
def test_bulk_documents_in_batches():
    seen = []
    made = demo.bulk_documents(250, seen.append, batch_size=100)
    assert made == 250 and seen == [100, 100, 50]
    assert Document.objects.filter(issuing_body__code="BENCH").count() == 250
    assert search_documents("ban thu so 17").exists()


@pytest.mark.django_db
def test_sitemap_xml_includes_public_document_urls(client, public_doc, restricted_doc):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert public_doc.get_absolute_url() in body
    assert restricted_doc.get_absolute_url() not in body


@pytest.mark.django_db
def test_deleting_a_file_row_removes_the_stored_bytes(
    public_doc, django_capture_on_commit_callbacks
):
    document_file = public_doc.files.get()
    storage, name = document_file.file.storage, document_file.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        document_file.delete()
    assert not storage.exists(name)


@pytest.mark.django_db
def test_documents_appear_on_the_site_search_page(client, public_doc, restricted_doc):
    response = client.get("/tim-kiem/", {"q": "DIEU TRA du luan"})
    assert response.status_code == 200
    assert list(response.context["documents"]) == [public_doc]
    assert 'class="document-list document-list--search"' in response.content.decode()
