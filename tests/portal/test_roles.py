import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from documents.models import Document
from tests.documents.factories import DocumentTypeFactory, IssuingBodyFactory
from tests.news.factories import staff_user

pytestmark = pytest.mark.django_db

DOCUMENTS = "Quản lý văn bản"
POLLS_BANNERS = "Quản lý thăm dò, quảng cáo"
PAGES_SETTINGS = "Quản lý trang, cấu hình"


def document_form(document_type, issuing_body):
    return {
        "code": "11-CT/TU",
        "summary": "Chỉ thị về tăng cường công tác tuyên truyền năm 2026",
        "document_type": document_type.pk,
        "issuing_body": issuing_body.pk,
        "signer": "",
        "signer_position": "",
        "issued_on": "20/11/2026",
        "effective_on": "",
        "expires_on": "",
        "notes": "",
        "access": "public",
        "is_published": "on",
        "consultation_opens_at_0": "",
        "consultation_opens_at_1": "",
        "consultation_closes_at_0": "",
        "consultation_closes_at_1": "",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }


def test_a_documents_manager_adds_a_document_without_being_superuser(client):
    user = staff_user("vanthu", DOCUMENTS)
    assert not user.is_superuser
    client.force_login(user)
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:documents_document_add") in index
    document_type, issuing_body = DocumentTypeFactory(), IssuingBodyFactory()
    response = client.post(
        reverse("admin:documents_document_add"), document_form(document_type, issuing_body)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get(code="11-CT/TU")
    assert document.slug.startswith("11-ct-tu-chi-thi")
    # Documents only: no articles, no users.
    assert client.get(reverse("admin:news_article_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


@pytest.mark.parametrize(
    ("group", "allowed", "refused"),
    [
        (POLLS_BANNERS, ["polls_poll", "portal_banner"], ["documents_document", "pages_page"]),
        (
            PAGES_SETTINGS,
            ["pages_page", "pages_contactmessage", "multimedia_album", "portal_maintenancenotice"],
            ["polls_poll", "documents_document"],
        ),
    ],
)
def test_each_group_reaches_its_own_lists(client, group, allowed, refused):
    client.force_login(staff_user("nguoi", group))
    for name in allowed:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
        assert client.get(reverse(f"admin:{name}_add")).status_code in (200, 403), name
    for name in refused:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 403, name


def test_site_settings_are_changed_by_the_pages_group(client):
    client.force_login(staff_user("cauhinh", PAGES_SETTINGS))
    response = client.get(reverse("admin:portal_sitesettings_change"))
    assert response.status_code == 200


def test_department_groups_exist():
    names = set(Group.objects.values_list("name", flat=True))
    assert {DOCUMENTS, POLLS_BANNERS, PAGES_SETTINGS} <= names
    assert not User.objects.filter(is_superuser=True).exists()
