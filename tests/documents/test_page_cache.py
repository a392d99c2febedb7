"""The archive and document pages in the page cache: no query when warm, editors' changes
at once, each filter its own entry."""

import pytest

from tests.pagecache import make_singletons

from .factories import DocumentFactory, DocumentTypeFactory, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def singletons():
    make_singletons()


@pytest.fixture
def documents():
    plan = DocumentTypeFactory(name="Kế hoạch")
    return [
        DocumentFactory(
            code="KH.01.BTGTU", summary="Kế hoạch tuyên truyền quý I", document_type=plan
        ),
        DocumentFactory(code="CV.02.BTGTU", summary="V/v báo cáo dư luận xã hội"),
    ]


def _html(client, url="/van-ban/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_warm_list_costs_no_query(client, documents, django_assert_num_queries):
    _html(client)
    with django_assert_num_queries(0):
        html = _html(client)
    assert "KH.01.BTGTU" in html and "CV.02.BTGTU" in html
    assert "Có 2 văn bản." in html


def test_new_edited_and_deleted_documents_show_at_once(client, documents):
    _html(client)
    DocumentFactory(code="TB.03.BTGTU", summary="Thông báo mới ban hành")
    assert "TB.03.BTGTU" in _html(client)
    documents[0].summary = "Kế hoạch đã sửa trích yếu"
    documents[0].save()
    assert "Kế hoạch đã sửa trích yếu" in _html(client)
    documents[1].delete()
    assert "CV.02.BTGTU" not in _html(client)


def test_renamed_document_type_shows_at_once(client, documents):
    _html(client)
    plan = documents[0].document_type
    plan.name = "Kế hoạch liên tịch"
    plan.save()
    assert "Kế hoạch liên tịch" in _html(client)


def test_each_filter_and_page_has_its_own_entry(client, documents):
    assert "CV.02.BTGTU" in _html(client)
    html = _html(client, "/van-ban/?q=ke+hoach").split("</main>")[0]  # not the side block
    assert "KH.01.BTGTU" in html and "CV.02.BTGTU" not in html
    assert 'value="ke hoach"' in html  # the filter form shows what was asked
    # The same filters in another order: the same answer.
    first, second = (
        _html(client, url).split("<main")[1].split("</main>")[0]
        for url in ("/van-ban/?type=&q=ke+hoach", "/van-ban/?q=ke+hoach&type=")
    )
    assert first == second


def test_invalid_filter_message_shows_even_when_warm(client, documents):
    for _ in range(2):  # rendered, then from the cache: the message is part of the page
        assert "Giá trị lọc không hợp lệ đã được bỏ qua" in _html(client, "/van-ban/?type=khong-co")


def test_staff_see_drafts_never_from_the_cache(client, documents):
    DocumentFactory(code="DT.09.BTGTU", is_published=False)
    assert "DT.09.BTGTU" not in _html(client)
    client.force_login(make_staff())
    assert "DT.09.BTGTU" in _html(client)
    client.logout()
    assert "DT.09.BTGTU" not in _html(client)


def test_unpublished_document_leaves_the_list_at_once(client, documents):
    _html(client)
    documents[0].is_published = False
    documents[0].save()
    assert "KH.01.BTGTU" not in _html(client)


# The detail page -----------------------------------------------------------------------------


@pytest.fixture
def detailed(documents):
    from .factories import DocumentFileFactory, FieldFactory

    document = documents[0]
    document.fields.add(FieldFactory(name="Dư luận xã hội"))
    document.related.add(documents[1])
    DocumentFileFactory(document=document)
    return document


def test_warm_detail_page_costs_no_query(client, detailed, django_assert_num_queries):
    _html(client, detailed.get_absolute_url())
    with django_assert_num_queries(0):
        html = _html(client, detailed.get_absolute_url())
    assert "Dư luận xã hội" in html  # fields
    assert "CV.02.BTGTU" in html  # related documents


def test_detail_page_shows_edits_of_fields_and_related_at_once(client, detailed, documents):
    url = detailed.get_absolute_url()
    _html(client, url)
    field = detailed.fields.get()
    field.name = "Tư tưởng văn hóa"
    field.save()
    detailed.related.clear()
    html = _html(client, url)
    assert "Tư tưởng văn hóa" in html
    assert "CV.02.BTGTU" not in html.split("<main")[1].split("</main>")[0]
