"""Through a real Celery worker: one e-mail per new document for reporters, unsubscribing."""

import datetime
import re
from email import message_from_string, policy

import pytest
from django.test import Client

from documents.models import Document
from documents.services import save_subscription
from tests.stats.helpers import wait_for

from .factories import DocumentFactory, DocumentTypeFactory, make_reporter

pytestmark = pytest.mark.worker


def sent_messages(directory):
    """The messages the worker's file e-mail backend wrote (one file per connection)."""
    messages = []
    for path in sorted(directory.glob("*.log")):
        for raw in path.read_text().split("-" * 79):
            if raw.strip():
                messages.append(message_from_string(raw.strip(), policy=policy.default))
    return messages


def test_worker_sends_one_email_per_new_document_until_unsubscribed(
    celery_worker_factory, tmp_path
):
    outbox = tmp_path / "mail"
    outbox.mkdir()
    outline = DocumentTypeFactory(name="Đề cương tuyên truyền")
    reporter = make_reporter("baocaovien5")
    save_subscription(reporter, email="hung@example.vn", document_types=[outline])
    worker = celery_worker_factory(EMAIL_URL=f"filemail:///{outbox}")
    today = datetime.date.today()

    first = DocumentFactory(
        code="ĐC.12.BTGTU", document_type=outline, access=Document.Access.REPORTERS, issued_on=today
    )
    first.summary = "Đề cương tuyên truyền tháng 12 (sửa)"
    first.save()  # an edit is not news
    DocumentFactory(document_type=outline, issued_on=today)  # public: no e-mail

    wait_for(lambda: f"Notified 1 reporters of document {first.pk}" in worker.log(), "e-mail")
    (message,) = sent_messages(outbox)
    assert message["To"] == "hung@example.vn"
    assert message["Subject"].strip() == "Văn bản mới dành cho báo cáo viên: ĐC.12.BTGTU"
    text = message.get_content()
    assert first.get_absolute_url() in text
    link = re.search(r"http://\S+/tai-khoan/huy-thu-bao/[0-9a-f-]+/", text).group(0)

    anonymous = Client()
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = anonymous.post("/" + path)
    assert "Bạn đã hủy nhận thư báo" in response.content.decode()

    second = DocumentFactory(
        code="ĐC.13.BTGTU", document_type=outline, access=Document.Access.REPORTERS, issued_on=today
    )
    wait_for(lambda: f"Notified 0 reporters of document {second.pk}" in worker.log(), "no e-mail")
    assert len(sent_messages(outbox)) == 1
