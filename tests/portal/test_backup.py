"""Backups restore: archive, restore into an empty database and folders, and everything is back."""

import datetime
import json
import os
import subprocess
import sys
import tarfile
from urllib.parse import quote

import psycopg2
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client

from documents.models import Document
from polls.models import Choice
from portal import backup
from stats.models import DailyStats
from tests.devtools.test_launcher import BASE_DIR
from tests.documents.factories import PASSWORD, DocumentFactory, DocumentFileFactory, make_reporter
from tests.news.factories import ArticleFactory
from tests.polls.factories import PollFactory, VoteFactory
from tests.readers import BROWSER

# Run in the restored site: what a reader and a reporter would find there.
INSPECT = """
import json
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from documents.models import DocumentFile
from news.models import Article
from polls.models import Vote
from stats.models import DailyStats
article = Article.objects.get(title="Hội nghị sao lưu")
files = DocumentFile.objects.all()
login = RequestFactory().post("/tai-khoan/dang-nhap/")
reporter = authenticate(login, username="baocaovien1", password=%r)
client = Client()
client.force_login(reporter)
file = files.get()
download = client.get(file.get_download_url(), HTTP_USER_AGENT="Mozilla/5.0 Chrome/120")
print(json.dumps({
    "article_views": article.view_count,
    "files": [f.file.open("rb").read().hex() for f in files],
    "votes": Vote.objects.filter(poll__question="Sao lưu có cần không?").count(),
    "days": list(DailyStats.objects.order_by("day").values_list("day", "page_views")),
    "reporter_groups": list(reporter.groups.values_list("name", flat=True)) if reporter else None,
    "download_status": download.status_code,
}, default=str))
"""


@pytest.fixture
def empty_site(tmp_path):
    """A second database and media folders, empty, on the same servers."""
    name = f"{connection.settings_dict['NAME']}_restored"
    admin = psycopg2.connect(
        host=connection.settings_dict["HOST"],
        port=connection.settings_dict["PORT"],
        user=connection.settings_dict["USER"],
        password=connection.settings_dict["PASSWORD"],
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    db = connection.settings_dict
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PYTEST") and k != "TEST_DATABASE_NAME"
    }
    env.update(
        DATABASE_URL=(
            f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}"
            f"@{db['HOST']}:{db['PORT']}/{name}"
        ),
        REDIS_KEY_PREFIX=f"{settings.REDIS_KEY_PREFIX}-restored",
        ALLOWED_HOSTS="testserver",
        MEDIA_ROOT=str(tmp_path / "restored" / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "restored" / "private"),
    )
    yield env
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def manage(env, *argv):
    return subprocess.run(
        [sys.executable, "manage.py", *argv], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_site_brings_everything_back(tmp_path, empty_site):
    article = ArticleFactory(title="Hội nghị sao lưu")
    restricted = DocumentFactory(access=Document.Access.REPORTERS)
    document_file = DocumentFileFactory(document=restricted, data=b"%PDF-1.4 de cuong mat\n")
    poll = PollFactory(question="Sao lưu có cần không?")
    for _ in range(3):
        VoteFactory(poll=poll, chosen=[Choice.objects.filter(poll=poll).first()])
    DailyStats.objects.create(day=datetime.date(2026, 1, 5), page_views=11457, visits=900)
    make_reporter("baocaovien1")
    # A view still pending in Redis: the backup flushes it into the database first.
    assert Client().get(article.get_absolute_url(), **BROWSER).status_code == 200

    archive = backup.create_backup(tmp_path / "backups")

    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert "database.dump" in names
    assert f"private/{document_file.file.name}" in names
    result = manage(empty_site, "restore", str(archive))
    assert result.returncode == 0, result.stderr
    assert "Đã khôi phục" in result.stdout

    inspected = manage(empty_site, "shell", "-c", INSPECT % PASSWORD)
    assert inspected.returncode == 0, inspected.stderr
    found = json.loads(inspected.stdout.strip().splitlines()[-1])
    assert found["article_views"] == 1
    assert found["files"] == [b"%PDF-1.4 de cuong mat\n".hex()]
    assert found["votes"] == 3
    assert ["2026-01-05", 11457] in found["days"]
    assert found["reporter_groups"] == ["Báo cáo viên"]
    assert found["download_status"] == 200


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_site_that_has_data_unless_forced(tmp_path, empty_site):
    ArticleFactory(title="Hội nghị sao lưu")
    archive = backup.create_backup(tmp_path / "backups")
    assert manage(empty_site, "restore", str(archive)).returncode == 0

    refused = manage(empty_site, "restore", str(archive))
    assert refused.returncode == 1
    assert "Không khôi phục: đã có dữ liệu" in refused.stderr
    assert "--force" in refused.stderr
    assert "Traceback" not in refused.stderr

    forced = manage(empty_site, "restore", str(archive), "--force")
    assert forced.returncode == 0, forced.stderr


@pytest.mark.django_db(transaction=True)
def test_only_the_newest_archives_are_kept(tmp_path, settings):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_DIR.mkdir()
    for second in range(3):
        (settings.BACKUP_DIR / f"20260101-00000{second}.tar.gz").write_bytes(b"old")
    newest = backup.create_backup(keep=2)
    assert [p.name for p in backup.archives()] == ["20260101-000002.tar.gz", newest.name]
    assert backup.last_backup_age_seconds() < 60


def test_a_missing_archive_gets_a_vietnamese_message(tmp_path):
    with pytest.raises(Exception, match="Không tìm thấy tệp sao lưu"):
        call_command("restore", str(tmp_path / "khong-co.tar.gz"))
