"""Reporters' e-mails about new documents for reporters: choices, sending, unsubscribing."""

import datetime

import pytest
from django.core import mail

from documents.models import Document, ReporterSubscription
from documents.notifications import notify_reporters
from documents.services import save_subscription

from .factories import DocumentFactory, DocumentTypeFactory, make_reporter, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def outline_type(db):
    return DocumentTypeFactory(name="Đề cương tuyên truyền")


@pytest.fixture
def subscribed(outline_type):
    reporter = make_reporter("baocaovien2")
    save_subscription(reporter, email="lan@example.vn", document_types=[outline_type])
    return reporter


def new_outline(outline_type, **extra):
    extra.setdefault("issued_on", datetime.date.today())
    return DocumentFactory(document_type=outline_type, access=Document.Access.REPORTERS, **extra)


def test_a_subscribed_reporter_gets_one_email_per_new_document(subscribed, outline_type):
    other = make_reporter("baocaovien3")
    save_subscription(other, email="other@example.vn", document_types=[DocumentTypeFactory()])
    outsider = make_user("khach2")
    ReporterSubscription.objects.create(user=outsider).document_types.set([outline_type])
    document = new_outline(outline_type, code="ĐC.11.BTGTU")

    assert notify_reporters(document.pk) == 1
    assert notify_reporters(document.pk) == 0

    (message,) = mail.outbox
    assert message.to == ["lan@example.vn"]
    assert message.subject == "Văn bản mới dành cho báo cáo viên: ĐC.11.BTGTU"
    assert document.get_absolute_url() in message.body
    token = str(subscribed.document_subscription.token)
    assert f"/tai-khoan/huy-thu-bao/{token}/" in message.body
    assert message.extra_headers["List-Unsubscribe"].endswith(f"/huy-thu-bao/{token}/>")


def test_public_old_and_unpublished_documents_send_nothing(subscribed, outline_type):
    public = DocumentFactory(document_type=outline_type, issued_on=datetime.date.today())
    old = new_outline(outline_type, issued_on=datetime.date.today() - datetime.timedelta(60))
    hidden = new_outline(outline_type, is_published=False)
    for document in (public, old, hidden):
        assert notify_reporters(document.pk) == 0
    assert mail.outbox == []


def test_emails_go_out_in_batches(subscribed, outline_type, settings):
    settings.REPORTER_EMAIL_BATCH_SIZE = 2
    for n in range(4):
        reporter = make_reporter(f"bcv{n}")
        save_subscription(reporter, email=f"bcv{n}@example.vn", document_types=[outline_type])
    assert notify_reporters(new_outline(outline_type).pk) == 5
    assert len({tuple(m.to) for m in mail.outbox}) == 5


def test_reporter_chooses_document_types_on_the_account_page(client, outline_type):
    reporter = make_reporter("baocaovien4")
    plan = DocumentTypeFactory(name="Kế hoạch")
    client.force_login(reporter)
    html = client.get("/tai-khoan/thu-bao/").content.decode()
    assert "<legend>Gửi thư khi có văn bản mới" in html

    response = client.post(
        "/tai-khoan/thu-bao/",
        {"email": "moi@example.vn", "document_types": [outline_type.pk, plan.pk]},
        follow=True,
    )

    assert "Đã lưu lựa chọn nhận thư báo" in response.content.decode()
    reporter.refresh_from_db()
    assert reporter.email == "moi@example.vn"
    assert set(reporter.document_subscription.document_types.all()) == {outline_type, plan}
    bad = client.post("/tai-khoan/thu-bao/", {"email": "sai", "document_types": [plan.pk]})
    assert "Địa chỉ thư điện tử không hợp lệ." in bad.content.decode()


def test_only_reporters_may_subscribe(client):
    assert client.get("/tai-khoan/thu-bao/").url.startswith("/tai-khoan/dang-nhap/")
    client.force_login(make_user("khach3"))
    response = client.get("/tai-khoan/thu-bao/", follow=True)
    assert "chỉ dành cho báo cáo viên" in response.content.decode()


def test_the_unsubscribe_link_works_without_login(client, subscribed, outline_type):
    url = subscribed.document_subscription.get_unsubscribe_url()
    page = client.get(url)
    assert page.status_code == 200
    assert subscribed.document_subscription.document_types.exists()  # a GET changes nothing

    response = client.post(url)

    assert "Bạn đã hủy nhận thư báo" in response.content.decode()
    assert not subscribed.document_subscription.document_types.exists()
    assert notify_reporters(new_outline(outline_type).pk) == 0
    unknown = "/tai-khoan/huy-thu-bao/00000000-0000-0000-0000-000000000000/"
    assert client.get(unknown).status_code == 404
    assert "không đúng" in client.post(unknown).content.decode()
