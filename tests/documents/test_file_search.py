"""Documents found by what their files say: list filter, site search, ranking, access."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from documents.models import Document, DocumentFile
from documents.services import extract_and_store

from .factories import DocumentFactory, DocumentFileFactory
from .files import docx_with_text, odt_with_text, pdf_with_text, scanned_pdf, xlsx_with_rows

pytestmark = pytest.mark.django_db

BODY = (
    "Các chi bộ tổ chức cho đảng viên nghiên cứu, quán triệt chuyên đề học tập và làm theo "
    "tư tưởng, đạo đức, phong cách Hồ Chí Minh năm nay. Phát huy vai trò của đội ngũ báo cáo "
    "viên cơ sở trong việc nắm bắt dư luận xã hội ở vùng đồng bào dân tộc thiểu số."
)
FILES = {
    "pdf": lambda: pdf_with_text("KẾ HOẠCH", BODY),
    "docx": lambda: docx_with_text("KẾ HOẠCH", BODY),
    "odt": lambda: odt_with_text("KẾ HOẠCH", BODY),
    "xlsx": lambda: xlsx_with_rows("Kế hoạch", ("Nội dung",), (BODY,)),
}


def attach(document, data, extension="pdf"):
    """A stored file whose text is extracted as the worker would."""
    document_file = DocumentFileFactory(
        document=document,
        original_name=f"Kế hoạch.{extension}",
        file=ContentFile(data, name=f"x.{extension}"),
        size=len(data),
    )
    extract_and_store(document_file)
    document_file.refresh_from_db()
    return document_file


def search_section(client, query):
    """The documents part of the site search's results."""
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    found = re.search(r'<section class="news-search__documents">.*?</section>', html, re.S)
    return found.group(0) if found else ""


def codes(response):
    html = response.content.decode()
    return re.findall(r'class="document-item__code" href="[^"]+">([^<]+)<', html)


@pytest.mark.parametrize("extension", sorted(FILES))
def test_a_phrase_from_the_file_without_accents_finds_the_document(client, extension):
    document = DocumentFactory(code="KH.52.BTGTU", summary="Kế hoạch công tác tháng 9")
    DocumentFactory(code="KH.53.BTGTU", summary="Kế hoạch công tác tháng 10")
    attach(document, FILES[extension](), extension)

    response = client.get("/van-ban/", {"q": "phat huy vai tro cua doi ngu bao cao vien"})

    assert codes(response) == ["KH.52.BTGTU"]
    html = response.content.decode()
    assert "<mark>Phát</mark> <mark>huy</mark> <mark>vai</mark> <mark>trò</mark>" in html
    assert 'class="document-item__snippet"' in html


def test_site_search_shows_a_highlighted_passage_of_the_file(client):
    document = DocumentFactory(code="HD.12.BTGTU", summary="Hướng dẫn học tập chuyên đề")
    attach(document, docx_with_text(BODY), "docx")

    section = search_section(client, "dong bao dan toc thieu so")

    assert "HD.12.BTGTU" in section
    assert "<mark>đồng</mark> <mark>bào</mark> <mark>dân</mark> <mark>tộc</mark>" in section


def test_a_code_or_summary_match_ranks_above_a_match_in_a_file(client):
    in_file = DocumentFactory(code="CV.1.BTGTU", summary="V/v báo cáo định kỳ")
    attach(in_file, pdf_with_text("Tổ chức hội nghị báo cáo viên quý IV tại hội trường."))
    DocumentFactory(code="TB.2.BTGTU", summary="Thông báo hội nghị báo cáo viên quý IV")

    response = client.get("/van-ban/", {"q": "hoi nghi bao cao vien"})
    assert codes(response) == ["TB.2.BTGTU", "CV.1.BTGTU"]

    response = client.get("/van-ban/", {"q": "CV.1.BTGTU"})
    assert codes(response)[0] == "CV.1.BTGTU"


def test_a_phrase_in_a_file_ranks_above_the_same_words_scattered(client):
    phrase = DocumentFactory(code="KH.6.BTGTU", summary="Kế hoạch tháng 6")
    attach(phrase, pdf_with_text("Học tập, quán triệt nghị quyết của Trung ương."))
    # Newer, and with the words more often: only the phrase puts the other one first.
    scattered = DocumentFactory(code="KH.7.BTGTU", summary="Kế hoạch tháng 7")
    attach(
        scattered,
        pdf_with_text("Nghị định về hội họp. Quyết định khen thưởng. " * 5 + "Nghị sự."),
    )

    response = client.get("/van-ban/", {"q": "nghi quyet"})
    assert codes(response) == ["KH.6.BTGTU", "KH.7.BTGTU"]


@pytest.fixture
def restricted_outline(db):
    document = DocumentFactory(
        code="ĐC.09.BTGTU",
        summary="Đề cương tuyên truyền tháng 9",
        access=Document.Access.REPORTERS,
    )
    attach(document, pdf_with_text("Đề cương tuyên truyền: tình hình biên giới Tây Nguyên."))
    return document


def test_restricted_file_text_finds_nothing_for_the_public(client, restricted_outline):
    assert codes(client.get("/van-ban/", {"q": "tinh hinh bien gioi"})) == []
    html = client.get("/tim-kiem/", {"q": "tinh hinh bien gioi tay nguyen"}).content.decode()
    assert search_section(client, "tinh hinh bien gioi tay nguyen") == ""
    assert "biên giới" not in html


def test_restricted_document_found_by_summary_shows_no_file_text_to_the_public(
    client, restricted_outline
):
    response = client.get("/van-ban/", {"q": "de cuong tuyen truyen"})
    assert codes(response) == ["ĐC.09.BTGTU"]
    html = response.content.decode()
    assert "document-item__snippet" not in html
    assert "biên giới" not in html
    section = search_section(client, "de cuong tuyen truyen")
    assert "ĐC.09.BTGTU" in section
    assert "biên giới" not in section


def test_a_reporter_finds_restricted_documents_by_their_file_text(
    client, restricted_outline, reporter
):
    client.get("/van-ban/", {"q": "tinh hinh bien gioi"})  # the public page, cached first
    client.force_login(reporter)
    response = client.get("/van-ban/", {"q": "tinh hinh bien gioi"})
    assert codes(response) == ["ĐC.09.BTGTU"]
    assert "<mark>biên</mark> <mark>giới</mark>" in response.content.decode()


def test_a_scanned_pdf_is_marked_and_not_searchable(client):
    document = DocumentFactory(code="QD.3.BTGTU", summary="Quyết định khen thưởng")
    document_file = attach(document, scanned_pdf())
    assert document_file.text_status == DocumentFile.TextStatus.SCANNED
    assert document_file.text == ""
    assert codes(client.get("/van-ban/", {"q": "khen thuong"})) == ["QD.3.BTGTU"]


def test_removing_the_file_removes_its_text_from_search(client):
    document = DocumentFactory(code="KH.7.BTGTU", summary="Kế hoạch")
    document_file = attach(document, pdf_with_text(BODY))
    document_file.delete()
    assert codes(client.get("/van-ban/", {"q": "dong bao dan toc"})) == []


def test_a_replaced_file_waits_for_a_new_extraction(db):
    document = DocumentFactory()
    document_file = attach(document, pdf_with_text(BODY))
    assert document_file.text_status == DocumentFile.TextStatus.DONE
    document_file.file = ContentFile(pdf_with_text("Mới"), name="y.pdf")
    document_file.save()
    assert document_file.text_status == DocumentFile.TextStatus.PENDING
    document_file.order = 3
    document_file.save()
    assert document_file.text_status == DocumentFile.TextStatus.PENDING


def test_documents_reindex_extracts_every_file(client, capsys):
    document = DocumentFactory(code="KH.8.BTGTU", summary="Kế hoạch")
    DocumentFileFactory(
        document=document,
        original_name="Kế hoạch.docx",
        file=ContentFile(docx_with_text(BODY), name="a.docx"),
    )
    scan = DocumentFileFactory(
        document=DocumentFactory(), file=ContentFile(scanned_pdf(), name="s.pdf")
    )
    assert codes(client.get("/van-ban/", {"q": "dong bao dan toc"})) == []

    call_command("documents_reindex")

    assert codes(client.get("/van-ban/", {"q": "dong bao dan toc"})) == ["KH.8.BTGTU"]
    scan.refresh_from_db()
    assert scan.text_status == DocumentFile.TextStatus.SCANNED
    out = capsys.readouterr()
    assert "Đã trích 2 tệp" in out.out
    assert "Bản quét, không có lớp chữ: 1" in out.out
    assert "2/2" in out.err


def test_seed_bulk_with_files_makes_every_kind_of_file_for_documents_reindex(capsys):
    call_command("seed_bulk", "--documents", "8", "--document-files")
    files = DocumentFile.objects.filter(document__issuing_body__code="BENCH")
    assert sorted({f.extension for f in files}) == ["docx", "odt", "pdf", "xlsx"]
    assert {f.text_status for f in files} == {DocumentFile.TextStatus.PENDING}

    call_command("documents_reindex", "--pending")

    assert {f.text_status for f in files.all()} == {DocumentFile.TextStatus.DONE}
    assert "Đã trích 8 tệp" in capsys.readouterr().out


def test_matches_beyond_the_ranked_file_candidates_are_still_found_and_counted(client, monkeypatch):
    from documents import search

    monkeypatch.setattr(search, "FILE_CANDIDATES", 2)
    # Oldest first: a summary match, then five matches in the files, then a restricted one.
    title = DocumentFactory(code="TB.1.BTGTU", summary="Thông báo hội nghị báo cáo viên")
    in_files = DocumentFactory.create_batch(5, summary="Kế hoạch công tác")
    restricted = DocumentFactory(summary="Đề cương", access=Document.Access.REPORTERS)
    text = "Tổ chức hội nghị báo cáo viên quý IV."
    Document.objects.filter(pk__in=[d.pk for d in [*in_files, restricted]]).update(file_text=text)

    response = client.get("/van-ban/", {"q": "hoi nghi bao cao vien"})
    assert "Tìm thấy 6 văn bản phù hợp" in response.content.decode()
    # The summary match first whatever its age, then the file matches, newest first.
    assert codes(response) == [title.code, *[d.code for d in reversed(in_files)]]
    assert restricted.code not in codes(response)

    response = client.get("/tim-kiem/", {"q": "hoi nghi bao cao vien"})
    assert response.context["counts"]["documents"] == 6
    assert "6 văn bản" in response.content.decode()
    found = [d.code for d in response.context["documents"]]
    assert found[0] == title.code and restricted.code not in found
