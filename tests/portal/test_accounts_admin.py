import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from tests.news.factories import CategoryFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:auth_user_add")


def account_form(**extra):
    data = {
        "last_name": "Nguyễn Thị",
        "first_name": "Lan",
        "username": "lan.nguyen",
        "email": "lan@example.vn",
        "group": Group.objects.get(name="Biên tập viên").pk,
        "password1": "Ban-tuyen-giao-2026",
        "password2": "Ban-tuyen-giao-2026",
    }
    data.update(extra)
    return data


def test_an_editor_account_is_one_form(admin_client):
    politics, economy = CategoryFactory(name="Chính trị"), CategoryFactory(name="Kinh tế")
    CategoryFactory(name="Văn hóa")
    response = admin_client.post(ADD, account_form(categories=[politics.pk, economy.pk]))
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="lan.nguyen")
    assert user.is_staff and not user.is_superuser
    assert user.check_password("Ban-tuyen-giao-2026")
    assert [g.name for g in user.groups.all()] == ["Biên tập viên"]
    assert set(user.news_categories.all()) == {politics, economy}
    assert user.get_full_name() == "Nguyễn Thị Lan"
    listing = admin_client.get(response.url).content.decode()
    assert "Đã tạo tài khoản “lan.nguyen” cho Nguyễn Thị Lan" in listing
    assert "Nguyễn Thị Lan" in listing


def test_bad_account_input_gets_vietnamese_messages_and_keeps_the_rest(admin_client):
    User.objects.create_user("cu", email="lan@example.vn")
    response = admin_client.post(ADD, account_form(password2="khac-hẳn-2026"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Địa chỉ thư điện tử này đã có tài khoản." in html
    assert "Hai lần nhập mật khẩu không giống nhau." in html
    assert 'value="Nguyễn Thị"' in html


def test_group_permissions_read_in_vietnamese(admin_client):
    response = admin_client.get(reverse("admin:auth_group_add"))
    labels = [
        label for _, label in response.context["adminform"].form.fields["permissions"].choices
    ]
    assert "Tin tức | bài viết | Sửa" in labels
    assert not [label for label in labels if label.split(" | ")[-1].startswith("Can ")]
    assert not [label for label in labels if "captcha" in label.lower()]
