import pytest
from captcha.models import CaptchaStore

from pages.models import ContactMessage, Page
from portal.models import SiteSettings
from tests.readers import BROWSER

from .factories import ContactMessageFactory, PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact_page():
    site = SiteSettings.get_solo()
    site.email = "vanphong@bantuyengiao.vn"
    site.save()
    return PageFactory(title="Liên hệ", layout=Page.Layout.CONTACT)


def captcha_fields():
    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def post(client, **data):
    payload = {
        "name": "Trần Thị Bình",
        "email": "binh@example.vn",
        "phone": "",
        "subject": "Hỏi về tài liệu",
        "message": "Xin cho biết lịch hội nghị báo cáo viên tháng tới.",
        **captcha_fields(),
    }
    payload.update(data)
    return client.post("/lien-he/", payload, follow=True, **BROWSER)


def test_contact_page_shows_address_and_form_and_writes_nothing(client, contact_page):
    html = client.get("/lien-he/").content.decode()
    assert "vanphong@bantuyengiao.vn" in html
    assert "data-captcha-template" in html  # fetched when the reader starts writing
    assert '<label for="id_message">Nội dung *</label>' in html
    assert not CaptchaStore.objects.exists()


def test_message_sent_without_a_captcha_asks_for_one_and_keeps_the_text(client, contact_page):
    response = post(client, captcha_0="", captcha_1="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vui lòng nhập mã xác nhận." in html
    assert "lịch hội nghị báo cáo viên" in html
    assert 'src="/captcha/image/' in html  # the challenge is now shown
    assert not ContactMessage.objects.exists()


def test_message_reaches_the_admin_and_the_mailbox(
    client, admin_client, contact_page, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client)
    assert "Cảm ơn bạn đã gửi ý kiến" in response.content.decode()
    message = ContactMessage.objects.get()
    assert message.subject == "Hỏi về tài liệu"
    assert message.ip_hash and "127.0.0.1" not in message.ip_hash
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["vanphong@bantuyengiao.vn"]
    assert mailoutbox[0].subject == "[Liên hệ] Hỏi về tài liệu"
    assert "lịch hội nghị báo cáo viên" in mailoutbox[0].body
    listing = admin_client.get("/admin/pages/contactmessage/").content.decode()
    assert "Hỏi về tài liệu" in listing


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"captcha_1": "sai"}, "Mã xác nhận không đúng"),
        ({"email": "khong-phai-email"}, "Địa chỉ thư điện tử không hợp lệ."),
        ({"name": " "}, "Vui lòng nhập họ và tên."),
        ({"message": "x" * 3001}, "tối đa 3000 ký tự"),
    ],
    ids=["captcha", "email", "name", "too-long"],
)
def test_bad_message_is_refused_next_to_the_field_and_keeps_the_text(
    client, contact_page, mailoutbox, data, text
):
    response = post(client, **data)
    html = response.content.decode()
    assert response.status_code == 400
    assert text in html
    assert "Hỏi về tài liệu" in html  # what was typed is still there
    assert not ContactMessage.objects.exists()
    assert not mailoutbox


def test_contact_form_is_rate_limited_per_address(client, contact_page):
    statuses = [post(client).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert ContactMessage.objects.count() == 5


def test_post_to_a_plain_page_is_refused(client):
    PageFactory(title="Giới thiệu")
    assert client.post("/gioi-thieu/", {"name": "x"}, **BROWSER).status_code == 404


def test_message_without_site_email_is_still_stored(client, mailoutbox):
    PageFactory(title="Liên hệ", layout=Page.Layout.CONTACT)
    post(client)
    assert ContactMessage.objects.count() == 1
    assert not mailoutbox


def test_staff_cannot_add_messages_but_can_mark_them_handled(admin_client):
    message = ContactMessageFactory()
    assert admin_client.get("/admin/pages/contactmessage/add/").status_code == 403
    admin_client.post(
        "/admin/pages/contactmessage/",
        {"action": "mark_handled", "_selected_action": [message.pk]},
    )
    message.refresh_from_db()
    assert message.handled
