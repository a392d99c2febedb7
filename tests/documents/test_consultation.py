"""Draft consultation: the deadline, the form, opinions for staff only, closing by time."""

import datetime
import io

import pytest
import time_machine
from captcha.models import CaptchaStore
from django.utils import timezone
from openpyxl import load_workbook

from documents.models import ConsultationOpinion, Document
from stats.visitors import sign
from tests.readers import BROWSER

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db

TZ = timezone.get_default_timezone()
OPENS = datetime.datetime(2026, 7, 20, 8, 0, tzinfo=TZ)
CLOSES = datetime.datetime(2026, 7, 23, 8, 28, tzinfo=TZ)  # a Thursday


@pytest.fixture
def draft(db):
    return DocumentFactory(
        code="DT.01.BTGTU",
        summary="Dự thảo quy chế phối hợp công tác tuyên truyền",
        is_draft=True,
        consultation_opens_at=OPENS,
        consultation_closes_at=CLOSES,
    )


@pytest.fixture
def during():
    with time_machine.travel(OPENS + datetime.timedelta(days=1), tick=False) as traveller:
        yield traveller


def captcha_fields():
    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def opinion(**extra):
    return {
        "name": "Nguyễn Thị Hoa",
        "organisation": "Hội Liên hiệp Phụ nữ huyện",
        "email": "hoa@example.vn",
        "text": "Đề nghị bổ sung quy định về thời hạn phản hồi.",
        **extra,
    }


def test_an_open_draft_shows_its_deadline_the_count_and_a_form(client, draft, during):
    html = client.get(draft.get_absolute_url(), **BROWSER).content.decode()
    assert "Hạn góp ý" in html and "Thứ năm - 23/07/2026 08:28" in html
    assert "Đã nhận 0 ý kiến" in html
    assert '<form class="consultation__form"' in html
    assert 'name="captcha_0"' not in html  # no challenge created by a GET
    assert CaptchaStore.objects.count() == 0


def test_an_opinion_is_asked_for_a_captcha_then_stored_for_staff_only(client, draft, during):
    first = client.post(draft.get_absolute_url(), opinion(), **BROWSER)
    assert first.status_code == 200
    html = first.content.decode()
    assert 'name="captcha_0"' in html and "Mã xác nhận" in html
    assert "Đề nghị bổ sung quy định về thời hạn phản hồi." in html  # kept, not lost
    assert not ConsultationOpinion.objects.exists()

    response = client.post(
        draft.get_absolute_url(), opinion(**captcha_fields()), follow=True, **BROWSER
    )

    stored = ConsultationOpinion.objects.get()
    assert (stored.document, stored.name, stored.organisation) == (
        draft,
        "Nguyễn Thị Hoa",
        "Hội Liên hiệp Phụ nữ huyện",
    )
    html = response.content.decode()
    assert "Cảm ơn bạn đã gửi ý kiến góp ý" in html
    assert "Đã nhận 1 ý kiến" in html
    assert "Đề nghị bổ sung quy định" not in html  # never public
    assert "hoa@example.vn" not in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "  "}, "Vui lòng nhập họ và tên."),
        ({"email": "khong-hop-le"}, "Địa chỉ thư điện tử không hợp lệ."),
        ({"text": ""}, "Vui lòng nhập nội dung góp ý."),
        ({"text": "x" * 5001}, "Ý kiến dài tối đa 5000 ký tự"),
        ({"captcha_1": "sai"}, "Mã xác nhận không đúng"),
    ],
)
def test_bad_input_is_answered_next_to_the_field(client, draft, during, change, message):
    payload = {**opinion(**captcha_fields()), **change}
    response = client.post(draft.get_absolute_url(), payload, **BROWSER)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConsultationOpinion.objects.exists()


def test_the_consultation_closes_by_itself_after_the_deadline(client, draft):
    with time_machine.travel(CLOSES - datetime.timedelta(minutes=1), tick=False):
        html = client.get(draft.get_absolute_url(), **BROWSER).content.decode()
        assert '<form class="consultation__form"' in html
    with time_machine.travel(CLOSES, tick=False):
        html = client.get(draft.get_absolute_url(), **BROWSER).content.decode()
        assert '<form class="consultation__form"' not in html
        assert "Đã hết hạn lấy ý kiến góp ý dự thảo này." in html
        response = client.post(
            draft.get_absolute_url(), opinion(**captcha_fields()), follow=True, **BROWSER
        )
        assert "Dự thảo này đã hết hạn góp ý." in response.content.decode()
    assert not ConsultationOpinion.objects.exists()


def test_before_opening_the_page_says_so(client, draft):
    with time_machine.travel(OPENS - datetime.timedelta(hours=1), tick=False):
        html = client.get(draft.get_absolute_url(), **BROWSER).content.decode()
    assert "Chưa đến thời gian lấy ý kiến" in html
    assert '<form class="consultation__form"' not in html


def test_documents_that_are_not_drafts_take_no_opinions(client):
    document = DocumentFactory()
    html = client.get(document.get_absolute_url(), **BROWSER).content.decode()
    assert "Lấy ý kiến góp ý dự thảo" not in html
    response = client.post(document.get_absolute_url(), opinion(**captcha_fields()), **BROWSER)
    assert response.status_code == 404


def test_bots_may_not_send_opinions(client, draft, during):
    response = client.post(
        draft.get_absolute_url(), opinion(**captcha_fields()), HTTP_USER_AGENT="curl/8.0"
    )
    assert response.status_code == 403


def test_opinions_are_rate_limited_per_visitor(client, draft, during):
    client.cookies["vid"] = sign("c" * 32)
    statuses = [
        client.post(draft.get_absolute_url(), opinion(**captcha_fields()), **BROWSER).status_code
        for _ in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert ConsultationOpinion.objects.count() == 3


def test_the_list_page_shows_open_and_closed_consultations(client, draft):
    later = DocumentFactory(
        code="DT.02.BTGTU",
        is_draft=True,
        consultation_opens_at=OPENS,
        consultation_closes_at=CLOSES + datetime.timedelta(days=30),
    )
    DocumentFactory(code="CV.9.BTGTU")
    ConsultationOpinion.objects.create(
        document=draft, name="A", email="a@example.vn", text="Ý kiến"
    )
    with time_machine.travel(CLOSES + datetime.timedelta(days=1), tick=False):
        html = client.get("/van-ban/du-thao/", **BROWSER).content.decode()
    open_part, closed_part = html.split('id="consultations-closed"')
    assert later.code in open_part and draft.code not in open_part
    assert draft.code in closed_part and "Đã nhận 1 ý kiến" in closed_part
    assert "CV.9.BTGTU" not in html.split("</h1>")[1].split("</main>")[0]


def test_a_draft_needs_both_dates(db):
    document = DocumentFactory.build(is_draft=True, consultation_opens_at=OPENS)
    with pytest.raises(Exception, match="Hạn góp ý|consultation"):
        document.full_clean(exclude=["document_type", "issuing_body"])


def test_staff_export_the_opinions_to_xlsx(admin_client, draft):
    for index, name in enumerate(["Trần Văn Nam", "Lê Thị Mai"]):
        ConsultationOpinion.objects.create(
            document=draft,
            name=name,
            organisation="UBND xã",
            email=f"y{index}@example.vn",
            text=f"Góp ý số {index + 1}",
        )
    ids = list(ConsultationOpinion.objects.values_list("pk", flat=True))
    response = admin_client.post(
        "/admin/documents/consultationopinion/",
        {"action": "export_xlsx", "_selected_action": ids},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="y-kien-du-thao-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == (
        "Dự thảo",
        "Họ và tên",
        "Cơ quan, tổ chức",
        "Thư điện tử",
        "Ý kiến góp ý",
    )
    assert [row[1] for row in rows[1:]] == ["Trần Văn Nam", "Lê Thị Mai"]
    assert rows[1][0] == "DT.01.BTGTU" and rows[1][4] == "Góp ý số 1"


def test_staff_read_opinions_in_the_admin(admin_client, draft):
    ConsultationOpinion.objects.create(
        document=draft, name="Trần Văn Nam", email="n@example.vn", text="Nội dung góp ý"
    )
    html = admin_client.get("/admin/documents/consultationopinion/").content.decode()
    assert "Trần Văn Nam" in html
    html = admin_client.get("/admin/documents/document/").content.decode()
    assert Document.objects.filter(is_draft=True).count() == 1
    assert 'class="field-opinion_count">1<' in html
