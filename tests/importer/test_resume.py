"""Import runs that start from an empty portal: dry run, interruption, another prefix."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from documents.models import Document
from importer.models import ImportedRecord, LegacyRedirect
from importer.nukeviet import news as news_step
from importer.nukeviet.runner import run_import
from importer.nukeviet.source import NukeVietSource, SourceError
from news.models import Article
from stats.models import StatsSettings

from .conftest import DUMP, import_sample

# One xdist worker runs these: each worker would start its own MariaDB otherwise.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("nukeviet")]


def test_dry_run_writes_nothing_and_reports_the_same(nukeviet, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    report = import_sample(nukeviet, dry_run=True)
    assert Article.objects.count() == 0
    assert Document.objects.count() == 0
    assert ImportedRecord.objects.count() == 0 and LegacyRedirect.objects.count() == 0
    assert StatsSettings.get_solo().total_offset == 0
    assert not (tmp_path / "media").exists()
    articles = nukeviet.value("SELECT COUNT(*) FROM nv4_vi_news_rows") + nukeviet.value(
        "SELECT COUNT(*) FROM nv4_vi_thong_bao_rows"
    )
    assert report.counts["article"]["imported"] == articles
    assert report.dry_run and "chạy thử" in next(report.lines())


def test_interrupted_run_completes_on_rerun(nukeviet, monkeypatch):
    real = news_step.NewsModuleImport.plan_article
    seen = []

    def interrupted(self, row):
        if len(seen) == 35:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the fourth batch
        seen.append(row["id"])
        return real(self, row)

    monkeypatch.setattr(news_step.NewsModuleImport, "plan_article", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_sample(nukeviet, batch_size=10)
    kept = Article.objects.count()
    assert kept == 30  # whole batches are kept; the interrupted one is rolled back
    monkeypatch.setattr(news_step.NewsModuleImport, "plan_article", real)
    report = import_sample(nukeviet)
    total = nukeviet.value("SELECT COUNT(*) FROM nv4_vi_news_rows") + nukeviet.value(
        "SELECT COUNT(*) FROM nv4_vi_thong_bao_rows"
    )
    assert Article.objects.count() == total
    assert report.counts["article"]["unchanged"] == kept
    assert report.counts["article"]["imported"] == total - kept


def test_other_table_prefix(mariadb, nukeviet):
    url = mariadb.load("nukeviet_prefix", DUMP, rename_prefix="tgdv")
    with pytest.raises(SourceError, match="tgdv"):
        NukeVietSource(url, prefix="nv4")
    source = NukeVietSource(url, prefix="tgdv")
    try:
        report = run_import(source, uploads=nukeviet.uploads, progress=False)
    finally:
        source.close()
    assert Article.objects.count() == report.counts["article"]["imported"] > 0
    assert Document.objects.count() == nukeviet.value("SELECT COUNT(*) FROM nv4_vi_laws_row")


def test_command_prints_the_report_and_writes_the_skips_csv(nukeviet, tmp_path, capsys):
    call_command(
        "import_nukeviet",
        "--db",
        nukeviet.url,
        "--uploads",
        str(nukeviet.uploads),
        "--dry-run",
        "--report-dir",
        str(tmp_path),
        verbosity=0,
    )
    out = capsys.readouterr().out
    assert "Báo cáo nhập dữ liệu NukeViet (chạy thử, không ghi gì)" in out
    assert "Bài viết" in out and "31.068.466" in out
    assert len(list(tmp_path.glob("nukeviet-*-bo-qua.csv"))) == 1


def test_command_refuses_a_wrong_address_in_vietnamese(nukeviet):
    with pytest.raises(CommandError, match="mysql://"):
        call_command("import_nukeviet", "--db", "postgres://x/y", verbosity=0)
    with pytest.raises(CommandError, match="Không thấy thư mục uploads"):
        call_command("import_nukeviet", "--db", nukeviet.url, "--uploads", "/khong/co", verbosity=0)
