import datetime

import pytest
from django.contrib.messages import get_messages

from documents.models import Document

from .factories import (
    DocumentFactory,
    DocumentFileFactory,
    DocumentTypeFactory,
    FieldFactory,
    IssuingBodyFactory,
)


def codes(response):
    return [document.code for document in response.context["documents"]]


@pytest.fixture
def archive(db):
    plan = DocumentTypeFactory(name="Kế hoạch")
    letter = DocumentTypeFactory(name="Công văn")
    vptu = IssuingBodyFactory(name="Văn phòng Tỉnh ủy", code="VPTU")
    btgtu = IssuingBodyFactory(name="Ban Tuyên giáo Tỉnh ủy", code="BTGTU")
    survey = FieldFactory(name="Dư luận xã hội")
    a = DocumentFactory(
        code="CV.2453.VPTU",
        summary="V/v điều tra dư luận xã hội định kỳ",
        document_type=letter,
        issuing_body=vptu,
        issued_on=datetime.date(2024, 6, 3),
    )
    a.fields.add(survey)
    DocumentFactory(
        code="CV.2431.BTGTU",
        summary="V/v tuyên truyền kỷ niệm ngày thành lập Đảng bộ",
        document_type=letter,
        issuing_body=btgtu,
        issued_on=datetime.date(2024, 5, 20),
        access=Document.Access.REPORTERS,
    )
    DocumentFactory(
        code="KH.118.BTGTU",
        summary="Kế hoạch tuyên truyền Đại hội Đảng bộ",
        document_type=plan,
        issuing_body=btgtu,
        issued_on=datetime.date(2023, 11, 2),
    )
    DocumentFactory(
        code="KH.1.NHAP",
        summary="Bản nháp",
        is_published=False,
        issued_on=datetime.date(2024, 7, 1),
    )
    return {"plan": plan, "letter": letter, "vptu": vptu, "btgtu": btgtu, "survey": survey}


@pytest.mark.django_db
def test_list_shows_published_newest_first_with_counts_and_lock(client, archive):
    Document.objects.filter(code="CV.2453.VPTU").update(view_count=753, download_count=1173)
    response = client.get("/van-ban/")
    assert response.status_code == 200
    assert codes(response) == ["CV.2453.VPTU", "CV.2431.BTGTU", "KH.118.BTGTU"]
    html = response.content.decode()
    assert "Lượt xem: 753 | lượt tải: 1.173" in html
    assert 'data-views="753" data-downloads="1173"' in html
    assert html.count("Dành cho báo cáo viên") >= 1
    assert "03/06/2024" in html
    assert "Bản nháp" not in html


@pytest.mark.django_db
def test_staff_also_see_drafts_in_the_list(client, archive, staff):
    client.force_login(staff)
    assert "KH.1.NHAP" in codes(client.get("/van-ban/"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=ke-hoach", ["KH.118.BTGTU"]),
        ("body=BTGTU", ["CV.2431.BTGTU", "KH.118.BTGTU"]),
        ("field=du-luan-xa-hoi", ["CV.2453.VPTU"]),
        ("year=2023", ["KH.118.BTGTU"]),
        ("code=2453", ["CV.2453.VPTU"]),
        ("q=dieu tra du luan", ["CV.2453.VPTU"]),
        ("q=TUYÊN TRUYỀN", ["CV.2431.BTGTU", "KH.118.BTGTU"]),
        ("body=BTGTU&type=cong-van&year=2024", ["CV.2431.BTGTU"]),
        ("body=BTGTU&q=dai hoi", ["KH.118.BTGTU"]),
    ],
)
def test_filters_combine(client, archive, query, expected):
    response = client.get(f"/van-ban/?{query}")
    assert response.status_code == 200
    assert codes(response) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=1800",
        "type=khong-co",
        "body=999",
        "field=%00",
        "page=abc",
        "page=99999",
        "code=' OR 1=1; DROP TABLE documents_document; --",
        "q=%27%22%3B--%20%2F*",
        "code=" + "x" * 500,
        "code=%00&q=%00&type=%00&body=%00",
    ],
)
def test_bad_filter_values_never_500(client, archive, query):
    response = client.get(f"/van-ban/?{query}")
    assert response.status_code == 200
    assert Document.objects.count() == 4


@pytest.mark.django_db
def test_invalid_values_are_ignored_with_a_message(client, archive):
    response = client.get("/van-ban/?year=abc&body=BTGTU&type=khong-co")
    assert codes(response) == ["CV.2431.BTGTU", "KH.118.BTGTU"]
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Năm ban hành" in m and "Loại văn bản" in m and "bỏ qua" in m for m in messages)


@pytest.mark.django_db
def test_sql_in_code_is_just_text(client, archive):
    response = client.get("/van-ban/", {"code": "CV' OR '1'='1"})
    assert codes(response) == []
    assert "Không có văn bản nào phù hợp" in response.content.decode()


@pytest.mark.django_db
def test_pagination_keeps_filters(client, archive):
    body = archive["btgtu"]
    for number in range(45):
        DocumentFactory(code=f"TB.{number}.BTGTU", issuing_body=body, summary=f"Thông báo {number}")
    response = client.get("/van-ban/?body=BTGTU&q=thong bao")
    page = response.context["page_obj"]
    assert page.paginator.num_pages == 3
    html = response.content.decode()
    # The page cache puts the parameters in a fixed order (portal.pagecache.RULES).
    assert 'href="?q=thong+bao&amp;body=BTGTU&amp;page=2"' in html
    second = client.get("/van-ban/?body=BTGTU&q=thong+bao&page=2")
    assert all(code.startswith("TB.") for code in codes(second))


@pytest.mark.django_db
def test_list_query_count_is_bounded(client, archive, django_assert_max_num_queries):
    for number in range(30):
        DocumentFactory(code=f"TB.{number}.X", issuing_body=archive["btgtu"])
    client.get("/van-ban/")  # warm the years cache and the sidebar block
    with django_assert_max_num_queries(12):
        client.get("/van-ban/")


# Detail page and access matrix -------------------------------------------------------------


@pytest.mark.django_db
def test_detail_shows_metadata_files_and_hooks(client, public_doc):
    Document.objects.filter(pk=public_doc.pk).update(view_count=11457, download_count=173)
    public_doc.signer = "Nguyễn Văn Hùng"
    public_doc.signer_position = "Phó Chánh Văn phòng"
    public_doc.save()
    response = client.get(public_doc.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-views="11457"' in html and 'data-downloads="173"' in html
    assert "Lượt xem: 11.457 | lượt tải: 173" in html
    assert "Nguyễn Văn Hùng – Phó Chánh Văn phòng" in html
    assert "Đề cương tuyên truyền.pdf" in html
    assert "PDF, 2,1 KB" in html
    file_url = public_doc.files.first().get_download_url()
    assert f'<iframe class="document-preview__frame" src="{file_url}?inline=1"' in html


@pytest.mark.django_db
def test_detail_records_a_view(client, public_doc, monkeypatch):
    from documents import views

    seen = []
    monkeypatch.setattr(views, "mark_view", lambda response, obj: seen.append(obj) or response)
    client.get(public_doc.get_absolute_url())
    assert seen == [public_doc]


@pytest.mark.django_db
def test_wrong_slug_redirects_permanently(client, public_doc):
    response = client.get(f"/van-ban/{public_doc.pk}-slug-cu/")
    assert response.status_code == 301
    assert response["Location"] == public_doc.get_absolute_url()


@pytest.mark.django_db
def test_unknown_document_is_404(client, db):
    assert client.get("/van-ban/999999-khong-co/").status_code == 404


@pytest.mark.django_db
def test_restricted_document_page_is_listed_to_anonymous_without_file_link(client, restricted_doc):
    response = client.get(restricted_doc.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dành cho báo cáo viên" in html
    assert "đăng nhập</a> bằng tài khoản báo cáo viên" in html
    assert "<iframe" not in html
    assert "Đăng nhập để tải" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "which", "downloadable"),
    [
        (None, "public_doc", True),
        (None, "restricted_doc", False),
        ("plain_user", "restricted_doc", False),
        ("reporter", "public_doc", True),
        ("reporter", "restricted_doc", True),
        ("staff", "public_doc", True),
        ("staff", "restricted_doc", True),
    ],
)
def test_access_matrix_on_detail_page(client, request, who, which, downloadable):
    if who:
        client.force_login(request.getfixturevalue(who))
    document = request.getfixturevalue(which)
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response.context["can_download"] is downloadable
    html = response.content.decode()
    assert (f'href="{document.files.first().get_download_url()}" download' in html) is downloadable


@pytest.mark.django_db
def test_unpublished_document_is_404_for_public_and_visible_to_staff(client, staff):
    draft = DocumentFactory(is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(staff)
    assert client.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_detail_query_count_is_bounded(client, public_doc, django_assert_max_num_queries):
    other = DocumentFactory()
    public_doc.related.add(other)
    DocumentFileFactory(document=public_doc, original_name="Phụ lục.pdf")
    client.get(public_doc.get_absolute_url())
    with django_assert_max_num_queries(10):
        client.get(public_doc.get_absolute_url())
