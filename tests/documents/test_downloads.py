from urllib.parse import quote

import pytest
from django.test import RequestFactory

from documents import views
from documents.downloads import (
    RangeNotSatisfiable,
    content_disposition,
    counts_as_download,
    parse_range,
)

from .factories import DocumentFactory, DocumentFileFactory, make_staff


@pytest.fixture
def recorded(monkeypatch):
    """The documents the download view decided to count (stats' record_download is called)."""
    calls = []
    monkeypatch.setattr(views, "record_download", lambda document, request: calls.append(document))
    return calls


def file_bytes(document):
    document_file = document.files.first()
    with document_file.file.open("rb") as handle:
        return handle.read()


# Access matrix ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_downloads_public_document(client, public_doc):
    response = client.get(public_doc.get_download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == file_bytes(public_doc)


@pytest.mark.django_db
def test_restricted_download_redirects_anonymous_to_login_with_next(
    client, restricted_doc, recorded
):
    url = restricted_doc.get_download_url()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/tai-khoan/dang-nhap/?next={quote(url)}"
    assert not hasattr(response, "streaming_content")
    assert recorded == []


@pytest.mark.django_db
def test_restricted_file_url_redirects_anonymous_too(client, restricted_doc):
    response = client.get(restricted_doc.files.first().get_download_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/?next=")


@pytest.mark.django_db
def test_signed_in_non_reporter_is_refused_restricted_file(client, plain_user, restricted_doc):
    client.force_login(plain_user)
    response = client.get(restricted_doc.get_download_url())
    assert response.status_code == 302
    assert response["Location"] == restricted_doc.get_absolute_url()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["reporter", "staff"])
@pytest.mark.parametrize("which", ["public_doc", "restricted_doc"])
def test_reporters_and_staff_download_everything(client, request, who, which):
    user = request.getfixturevalue(who)
    document = request.getfixturevalue(which)
    client.force_login(user)
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == file_bytes(document)


@pytest.mark.django_db
def test_unpublished_document_download_is_404_for_reporter_but_served_to_staff(
    client, reporter, staff
):
    document = DocumentFactory(is_published=False)
    DocumentFileFactory(document=document)
    client.force_login(reporter)
    assert client.get(document.get_download_url()).status_code == 404
    client.force_login(staff)
    assert client.get(document.get_download_url()).status_code == 200


@pytest.mark.django_db
def test_unpublished_document_is_404_for_staff_without_document_rights(client):
    document = DocumentFactory(is_published=False)
    DocumentFileFactory(document=document)
    client.force_login(make_staff("phongvien", document_rights=False))
    assert client.get(document.get_download_url()).status_code == 404
    assert client.get(document.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_published_document_never_links_to_the_unpublished_one_it_replaces(client):
    old = DocumentFactory(code="CV.99.BTG-NHAP", is_published=False)
    newer = DocumentFactory(code="CV.100.BTG", replaces=old)
    html = client.get(newer.get_absolute_url()).content.decode()
    assert "CV.99.BTG-NHAP" not in html and old.slug not in html
    old.is_published = True
    old.save()
    assert "CV.99.BTG-NHAP" in client.get(newer.get_absolute_url()).content.decode()


# Headers ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_download_headers_carry_vietnamese_filename_and_nosniff(client, public_doc):
    response = client.get(public_doc.get_download_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(public_doc.files.first().size)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert 'filename="De cuong tuyen truyen.pdf"' in disposition
    assert "filename*=UTF-8''" + quote("Đề cương tuyên truyền.pdf", safe="") in disposition
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_inline_variant_is_inline_and_not_counted(client, public_doc, recorded):
    response = client.get(public_doc.get_download_url() + "?inline=1")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline; ")
    assert recorded == []


def test_content_disposition_escapes_quotes_and_semicolons():
    header = content_disposition('Kế hoạch "số 1"; bản cuối.pdf')
    assert header.startswith('attachment; filename="Ke hoach _so 1__ ban cuoi.pdf"; ')
    assert "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20%22s%E1%BB%91%201%22%3B" in header


@pytest.mark.django_db
def test_each_file_has_its_own_url(client, public_doc):
    second = DocumentFileFactory(
        document=public_doc,
        original_name="Phụ lục.pdf",
        data=b"%PDF-1.4\nphu luc\n%%EOF\n",
        order=5,
    )
    response = client.get(second.get_download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\nphu luc\n%%EOF\n"
    assert "Ph%E1%BB%A5%20l%E1%BB%A5c.pdf" in response["Content-Disposition"]
    # The bare download URL gives the first file.
    first = client.get(public_doc.get_download_url())
    assert b"".join(first.streaming_content) == file_bytes(public_doc)


@pytest.mark.django_db
def test_file_of_another_document_is_404(client, public_doc, restricted_doc):
    other_file = restricted_doc.files.first()
    url = f"/van-ban/{public_doc.pk}-{public_doc.slug}/tai-ve/{other_file.pk}/"
    assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "suffix",
    ["tai-ve/../../../etc/passwd", "tai-ve/%2e%2e/%2e%2e/settings.py", "tai-ve/abc/", "tai-ve/-1/"],
)
def test_guessed_paths_are_404(client, public_doc, suffix):
    response = client.get(f"/van-ban/{public_doc.pk}-{public_doc.slug}/{suffix}")
    assert response.status_code == 404


@pytest.mark.django_db
def test_document_without_files_is_404(client):
    document = DocumentFactory()
    assert client.get(document.get_download_url()).status_code == 404


@pytest.mark.django_db
def test_stale_slug_in_download_url_redirects_permanently(client, public_doc):
    response = client.get(f"/van-ban/{public_doc.pk}-cu/tai-ve/?inline=1")
    assert response.status_code == 301
    assert response["Location"] == public_doc.get_download_url() + "?inline=1"


@pytest.mark.django_db
def test_missing_file_on_disk_is_404_not_500(client, public_doc):
    document_file = public_doc.files.first()
    document_file.file.storage.delete(document_file.file.name)
    assert client.get(public_doc.get_download_url()).status_code == 404


@pytest.mark.django_db
def test_post_is_not_allowed(client, public_doc):
    assert client.post(public_doc.get_download_url()).status_code == 405


# Range requests and counting ---------------------------------------------------------------


@pytest.mark.django_db
def test_range_request_returns_partial_content(client, public_doc):
    data = file_bytes(public_doc)
    response = client.get(public_doc.get_download_url(), HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert response["Content-Length"] == "100"
    assert b"".join(response.streaming_content) == data[100:200]


@pytest.mark.django_db
def test_open_ended_and_suffix_ranges(client, public_doc):
    data = file_bytes(public_doc)
    response = client.get(public_doc.get_download_url(), HTTP_RANGE="bytes=1000-")
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == data[1000:]
    response = client.get(public_doc.get_download_url(), HTTP_RANGE="bytes=-10")
    assert response["Content-Range"] == f"bytes {len(data) - 10}-{len(data) - 1}/{len(data)}"
    assert b"".join(response.streaming_content) == data[-10:]


@pytest.mark.django_db
def test_unsatisfiable_range_is_416(client, public_doc, recorded):
    size = public_doc.files.first().size
    response = client.get(public_doc.get_download_url(), HTTP_RANGE="bytes=999999999-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"
    assert recorded == []


@pytest.mark.django_db
def test_malformed_or_multiple_ranges_get_the_whole_file(client, public_doc):
    for header in ["bytes=abc", "items=0-5", "bytes=0-5,10-20", "bytes=50-10"]:
        response = client.get(public_doc.get_download_url(), HTTP_RANGE=header)
        assert response.status_code == 200, header


@pytest.mark.django_db
def test_only_whole_file_or_range_from_zero_counts(client, public_doc, recorded):
    url = public_doc.get_download_url()
    client.get(url)
    assert len(recorded) == 1
    client.get(url, HTTP_RANGE="bytes=0-1023")
    assert len(recorded) == 2
    client.get(url, HTTP_RANGE="bytes=1024-2047")
    client.get(url, HTTP_RANGE="bytes=-100")
    client.head(url)
    assert len(recorded) == 2
    assert recorded[0] == public_doc


@pytest.mark.django_db
def test_refused_download_is_not_counted(client, restricted_doc, recorded):
    client.get(restricted_doc.get_download_url())
    assert recorded == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, True),
        ("bytes=0-", True),
        ("bytes=0-499", True),
        ("bytes=500-", False),
        ("bytes=-500", False),
        ("bytes=junk", True),  # ignored header: the whole file goes out
    ],
)
def test_counts_as_download(header, expected):
    headers = {"HTTP_RANGE": header} if header else {}
    assert counts_as_download(RequestFactory().get("/", **headers)) is expected


def test_parse_range_rules():
    assert parse_range(None, 100) is None
    assert parse_range("bytes=0-", 100) == (0, 99)
    assert parse_range("bytes=10-1000", 100) == (10, 99)
    assert parse_range("bytes=-30", 100) == (70, 99)
    assert parse_range("bytes=-300", 100) == (0, 99)
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=100-", 100)
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=-0", 100)


# X-Accel-Redirect ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_x_accel_redirect_hands_bytes_to_nginx(client, settings, public_doc, recorded):
    settings.PRIVATE_MEDIA_X_ACCEL_PREFIX = "/_private/"
    response = client.get(public_doc.get_download_url())
    assert response.status_code == 200
    name = public_doc.files.first().file.name
    assert response["X-Accel-Redirect"] == f"/_private/{name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; ")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert len(recorded) == 1


@pytest.mark.django_db
def test_x_accel_redirect_never_reaches_anonymous_for_restricted(client, settings, restricted_doc):
    settings.PRIVATE_MEDIA_X_ACCEL_PREFIX = "/_private/"
    response = client.get(restricted_doc.get_download_url())
    assert response.status_code == 302
    assert "X-Accel-Redirect" not in response


# Through the stats app (record_download -> Redis -> flush -> download_count) -----------------


@pytest.mark.django_db
def test_counted_downloads_reach_the_document_after_flush(client, public_doc):
    from django.test import Client

    from stats.flush import flush

    # Requests without a browser user agent are bots for the stats app, never counted.
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36")

    url = public_doc.get_download_url()
    client.get(url, HTTP_RANGE="bytes=500-999")  # a PDF viewer's later chunk: not a download
    client.get(url + "?inline=1")  # the in-page preview: not a download
    flush()
    public_doc.refresh_from_db()
    assert public_doc.download_count == 0
    client.get(url)
    client.get(url)  # same visitor within 30 minutes: once
    flush()
    public_doc.refresh_from_db()
    assert public_doc.download_count == 1
    assert public_doc.view_count == 0
    client.get(public_doc.get_absolute_url())
    flush()
    public_doc.refresh_from_db()
    assert public_doc.view_count == 1


def test_a_slash_in_the_name_keeps_its_look_and_every_word():
    header = content_disposition("CV.12.BTGTU - V/v tuyên truyền kỷ niệm.pdf")
    assert (
        "filename*=UTF-8''" + quote("CV.12.BTGTU - V∕v tuyên truyền kỷ niệm.pdf", safe="") in header
    )
    assert 'filename="CV.12.BTGTU - V-v tuyen truyen ky niem.pdf"' in header
