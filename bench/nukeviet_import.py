"""Import benchmark: `python -m bench.nukeviet_import` (prints figures; not a timed test).

Loads the NukeViet 4.5 sample (../shared/nukeviet/) into a private MariaDB, times its import,
then multiplies its news articles by copying rows (new ids and aliases, same bodies and
images) up to BENCH_ARTICLES (100,000) and times the import of that site, then a second run
that finds nothing new. It writes into its own database (BENCH_DATABASE, default
"bench_import", dropped and created again) on the dev PostgreSQL server, and its own media
folder under /tmp. Needs Debian's mariadb-server.
"""

import os
import shutil
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from devtools.embedded import ensure_database

BASE_DIR = Path(__file__).resolve().parent.parent
SAMPLE = Path(os.environ.get("NUKEVIET_SAMPLE_DIR", BASE_DIR.parent / "shared" / "nukeviet"))
DATABASE = os.environ.get("BENCH_DATABASE", "bench_import")
PG_PORT = int(os.environ.get("EMBEDDED_POSTGRES_PORT", 54329))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:{PG_PORT}/{DATABASE}"
)
ARTICLES = int(os.environ.get("BENCH_ARTICLES", 100_000))


def _environment(workdir):
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["REDIS_KEY_PREFIX"] = "bench-import"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["PRIVATE_MEDIA_ROOT"] = str(workdir / "private")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 30)
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")


def _fresh_database():
    import psycopg2
    from psycopg2 import sql

    ensure_database(DATABASE_URL)
    admin = psycopg2.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            [DATABASE],
        )
        cursor.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(DATABASE)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    admin.close()


def multiply_articles(server, database, target):
    """Copy the sample's news rows (and their bodies) until there are ``target`` of them."""
    with server.connect(database) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), MAX(id) FROM nv4_vi_news_rows")
        count, top = cursor.fetchone()
        copies = max(0, -(-(target - count) // count))
        step = 10 ** len(str(top))
        cursor.execute("CREATE TABLE bench_seq (n INT PRIMARY KEY)")
        cursor.executemany(
            "INSERT INTO bench_seq VALUES (%s)", [(n,) for n in range(1, copies + 1)]
        )
        for table, alias in (("nv4_vi_news_rows", True), ("nv4_vi_news_detail", False)):
            cursor.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = DATABASE() AND table_name = %s ORDER BY ordinal_position",
                [table],
            )
            columns = [row[0] for row in cursor.fetchall()]
            chosen = [
                f"r.id + s.n * {step}"
                if name == "id"
                else "CONCAT(r.alias, '-', s.n)"
                if name == "alias" and alias
                else f"r.`{name}`"
                for name in columns
            ]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(f'`{c}`' for c in columns)}) "
                f"SELECT {', '.join(chosen)} FROM {table} r JOIN bench_seq s "
                f"WHERE r.id < {step}"
            )
        connection.commit()
        cursor.execute("SELECT COUNT(*) FROM nv4_vi_news_rows")
        return cursor.fetchone()[0]


def timed_import(url, uploads):
    from importer.nukeviet.runner import run_import
    from importer.nukeviet.source import NukeVietSource

    source = NukeVietSource(url)
    began = time.perf_counter()
    try:
        report = run_import(source, uploads=uploads, progress=sys.stderr.isatty())
    finally:
        source.close()
    return time.perf_counter() - began, report


def main():
    from importer.sandbox import MariaDB, mariadb_installed

    if not mariadb_installed():
        raise SystemExit("bench.nukeviet_import: MariaDB is not installed, skipped")
    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    _environment(workdir)
    server = MariaDB(workdir / "mariadb")
    server.root.mkdir()
    server.start()
    try:
        with tarfile.open(SAMPLE / "uploads.tar.gz") as archive:
            archive.extractall(workdir / "web", filter="data")
        uploads = workdir / "web" / "uploads"
        import django
        from django.core.management import call_command

        _fresh_database()
        django.setup()
        call_command("migrate", verbosity=0)
        sample_url = server.load("sample", SAMPLE / "nukeviet-4.5-sample.sql.gz")
        seconds, report = timed_import(sample_url, uploads)
        print(
            f"sample site: {report.total('article', 'imported')} articles, "
            f"{report.total('document', 'imported')} documents in {seconds:.1f} s"
        )
        for line in report.lines():
            print("  " + line)

        from django.db import connections

        connections.close_all()
        _fresh_database()
        call_command("migrate", verbosity=0)
        big_url = server.load("big", SAMPLE / "nukeviet-4.5-sample.sql.gz")
        began = time.perf_counter()
        total = multiply_articles(server, "big", ARTICLES)
        print(
            f"synthetic site: {total} articles made in MariaDB in "
            f"{time.perf_counter() - began:.1f} s"
        )
        seconds, report = timed_import(big_url, uploads)
        imported = report.total("article", "imported")
        print(
            f"synthetic site: {imported} articles imported in {seconds:.1f} s "
            f"({imported / seconds:.0f} articles/s), "
            f"{report.total('redirect', 'imported')} old addresses"
        )
        seconds, report = timed_import(big_url, uploads)
        print(
            f"synthetic site, second run: {report.total('article', 'unchanged')} unchanged, "
            f"{report.total('article', 'imported')} new, in {seconds:.1f} s"
        )
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
