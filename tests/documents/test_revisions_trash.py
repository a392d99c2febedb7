"""Issue 13, item 3 for documents: revisions, the trash, the takedown."""

import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from documents.models import Document
from portal import trash
from portal.trash import purge_trash

from .factories import DocumentFactory, DocumentFileFactory, make_staff

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120 Safari/537.36"}


@pytest.fixture
def manager(client):
    user = make_staff("quanlyvanban")
    user.groups.add(Group.objects.get(name="Quản lý văn bản"))
    client.force_login(user)
    return user


def document_form(document, **extra):
    data = {
        "code": document.code,
        "summary": document.summary,
        "document_type": document.document_type_id,
        "issuing_body": document.issuing_body_id,
        "signer": "",
        "signer_position": "",
        "issued_on": document.issued_on.isoformat(),
        "effective_on": "",
        "expires_on": "",
        "notes": "",
        "access": document.access,
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
    data.update(extra)
    return data


def test_an_admin_save_keeps_a_revision_shown_as_a_diff_and_restored(client, manager):
    document = DocumentFactory(summary="V/v tuyên truyền bầu cử")
    change = reverse("admin:documents_document_change", args=[document.pk])
    client.post(change, document_form(document, summary="V/v tuyên truyền bầu cử <sớm>"))
    client.post(change, document_form(document, summary="V/v tuyên truyền bầu cử đợt hai"))
    newer, older, baseline = Version.objects.get_for_object(document)
    assert baseline.field_dict["summary"] == "V/v tuyên truyền bầu cử"
    assert older.revision.user == manager and older.revision.comment == "Sửa"
    diff_url = reverse("admin:documents_document_version", args=[document.pk, older.pk])
    page = client.get(diff_url).content.decode().replace("&nbsp;", " ")
    assert "bầu cử &lt;sớm&gt;" in page and "<sớm>" not in page
    assert "đợt hai" in page and "Hiện tại" in page
    assert client.post(diff_url).status_code == 302
    document.refresh_from_db()
    assert document.summary == "V/v tuyên truyền bầu cử <sớm>"
    entry = LogEntry.objects.get_for_object(document).order_by("-timestamp").first()
    assert entry.actor == manager and "summary" in entry.changes_dict


def test_a_trashed_document_is_gone_from_every_public_page_and_its_download(client, manager):
    document = DocumentFactory(code="KH.99.BTGTU", summary="V/v học tập nghị quyết thùng rác")
    DocumentFileFactory(document=document)
    detail, download = document.get_absolute_url(), document.get_download_url()
    public = {
        "/": document.code,
        "/van-ban/": document.code,
        "/van-ban/?q=thung+rac": detail,
        "/tim-kiem/?q=KH.99.BTGTU": detail,
        "/sitemap.xml": detail,
        "/api/v1/documents/": document.code,
    }
    reader = client.__class__()
    assert reader.get(detail, **BROWSER).status_code == 200
    assert reader.get(download, **BROWSER).status_code == 200
    for path, marker in public.items():
        assert marker in reader.get(path, **BROWSER).content.decode(), path

    client.post(reverse("admin:documents_document_delete", args=[document.pk]), {"post": "yes"})
    assert Document.all_objects.get(pk=document.pk).deleted_by == manager
    assert reader.get(detail, **BROWSER).status_code == 404
    assert reader.get(download, **BROWSER).status_code == 404
    for path, marker in public.items():
        assert marker not in reader.get(path, **BROWSER).content.decode(), path


def test_the_trash_restores_a_document_unless_its_code_was_reused(client, manager):
    document = DocumentFactory(code="CV.1.BTGTU")
    trash_url = reverse("admin:documents_document_trash")
    client.post(reverse("admin:documents_document_delete", args=[document.pk]), {"post": "yes"})
    # The code is free again while the first one is in the trash.
    reused = DocumentFactory(code="cv.1.btgtu", issuing_body=document.issuing_body)
    response = client.post(trash_url, {"pk": document.pk, "action": "restore"}, follow=True)
    assert "Không khôi phục được" in response.content.decode()
    reused.delete()
    client.post(trash_url, {"pk": document.pk, "action": "restore"})
    assert Document.objects.filter(pk=document.pk).exists()


def test_the_beat_task_purges_documents_and_their_files_after_trash_days(
    django_capture_on_commit_callbacks,
):
    document_file = DocumentFileFactory()
    storage, name = document_file.file.storage, document_file.file.name
    trash.move_to_trash(document_file.document, None)
    later = timezone.now() + datetime.timedelta(days=settings.TRASH_DAYS + 1)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        assert purge_trash()["documents.Document"] == 1
    assert not Document.all_objects.exists()
    assert not storage.exists(name)


def test_takedown_of_a_document_is_for_those_with_the_right_and_needs_a_reason(client, manager):
    document = DocumentFactory()
    takedown_url = reverse("admin:documents_document_takedown", args=[document.pk])
    change = reverse("admin:documents_document_change", args=[document.pk])
    assert takedown_url in client.get(change).content.decode()
    client.post(takedown_url, {"reason": "Văn bản đăng nhầm bản dự thảo"})
    document.refresh_from_db()
    assert not document.is_published and document.taken_down_by == manager
    assert document.takedown_reason == "Văn bản đăng nhầm bản dự thảo"
    client.logout()
    assert client.get(document.get_absolute_url(), **BROWSER).status_code == 404

    other = DocumentFactory()
    clerk = make_staff("nhanvien")
    clerk.user_permissions.add(
        *manager.groups.get().permissions.exclude(codename="take_down_document")
    )
    client.force_login(clerk)
    other_url = reverse("admin:documents_document_takedown", args=[other.pk])
    assert (
        other_url
        not in client.get(
            reverse("admin:documents_document_change", args=[other.pk])
        ).content.decode()
    )
    assert client.post(other_url, {"reason": "Thử"}).status_code == 403


def test_a_published_document_does_not_link_the_one_it_replaces_once_that_is_trashed(client):
    old = DocumentFactory(code="CV.10.BTGTU")
    new = DocumentFactory(code="CV.11.BTGTU", replaces=old)
    assert "CV.10.BTGTU" in client.get(new.get_absolute_url(), **BROWSER).content.decode()
    trash.move_to_trash(old, None)
    assert "CV.10.BTGTU" not in client.get(new.get_absolute_url(), **BROWSER).content.decode()
