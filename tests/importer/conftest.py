"""A private MariaDB server holding the NukeViet 4.5 sample site (../shared/nukeviet/).

Skipped, and said so, when Debian's mariadb-server or the sample is not on this machine.
"""

import os
import tarfile
from pathlib import Path

import pymysql
import pytest
from django.core.management import call_command

from importer.nukeviet.runner import run_import
from importer.nukeviet.source import NukeVietSource
from importer.sandbox import MariaDB, mariadb_installed
from tests.conftest import BASE_DIR, ensure_data_migration_rows

SAMPLE_DIR = Path(os.environ.get("NUKEVIET_SAMPLE_DIR", BASE_DIR.parent / "shared" / "nukeviet"))
DUMP = SAMPLE_DIR / "nukeviet-4.5-sample.sql.gz"
UPLOADS = SAMPLE_DIR / "uploads.tar.gz"


class Sample:
    def __init__(self, server, url, uploads):
        self.server = server
        self.url = url
        self.uploads = uploads
        self.database = url.rsplit("/", 1)[1]

    def rows(self, sql):
        connection = self.server.connect(self.database)
        with connection, connection.cursor(pymysql.cursors.DictCursor) as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def value(self, sql):
        return next(iter(self.rows(sql)[0].values()))

    def source(self, prefix="nv4"):
        return NukeVietSource(self.url, prefix=prefix)


@pytest.fixture(scope="session")
def mariadb(tmp_path_factory):
    if not mariadb_installed():
        pytest.skip(
            "MariaDB is not installed (apt-get install mariadb-server): importer tests skipped"
        )
    if not DUMP.exists() or not UPLOADS.exists():
        pytest.skip(f"NukeViet sample not found in {SAMPLE_DIR}: importer tests skipped")
    server = MariaDB(tmp_path_factory.mktemp("mariadb"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def nukeviet(mariadb, tmp_path_factory):
    """The sample site: its database on the private server and its uploads/ unpacked."""
    url = mariadb.load("nukeviet", DUMP)
    web_root = tmp_path_factory.mktemp("nukeviet-web")
    with tarfile.open(UPLOADS) as archive:
        archive.extractall(web_root, filter="data")
    return Sample(mariadb, url, web_root / "uploads")


def import_sample(sample, **options):
    source = sample.source()
    try:
        return run_import(source, uploads=sample.uploads, progress=False, **options)
    finally:
        source.close()


@pytest.fixture(scope="module")
def imported(nukeviet, django_db_setup, django_db_blocker):
    """The sample imported once for the module (committed), emptied afterwards."""
    with django_db_blocker.unblock():
        ensure_data_migration_rows()
        report = import_sample(nukeviet)
    yield report
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
