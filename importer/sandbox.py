"""A private MariaDB server on a temporary directory, for rehearsing a NukeViet import.

Used by the importer's tests and benchmark, and by hand:

    python -m importer.sandbox nukeviet-dump.sql.gz     # prints the --db address, Ctrl-C stops

It needs Debian's mariadb-server (mariadbd, mariadb-install-db, mariadb) and nothing else.
"""

import gzip
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymysql


def mariadb_installed():
    return all(_find(name) for name in ("mariadbd", "mariadb-install-db", "mariadb"))


def _find(name):
    return shutil.which(name) or next(
        (str(p) for p in (Path("/usr/sbin") / name, Path("/usr/bin") / name) if p.exists()), None
    )


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MariaDB:
    """mariadbd on a temporary data directory, listening on loopback only."""

    def __init__(self, root):
        self.root = root
        self.port = _free_port()
        self.socket = root / "mariadb.sock"
        self.process = None

    def start(self):
        data = self.root / "data"
        # A private tmpdir: temporary tables in a shared /tmp collide between servers.
        tmp = self.root / "tmp"
        tmp.mkdir(exist_ok=True)
        as_root = ["--user=root"] if os.geteuid() == 0 else []
        installed = subprocess.run(
            [
                _find("mariadb-install-db"),
                "--no-defaults",
                f"--datadir={data}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                f"--tmpdir={tmp}",
                *as_root,
            ],
            capture_output=True,
            text=True,
        )
        if installed.returncode:
            raise RuntimeError(f"mariadb-install-db failed: {installed.stdout}{installed.stderr}")
        self.process = subprocess.Popen(
            [
                _find("mariadbd"),
                "--no-defaults",
                f"--datadir={data}",
                f"--socket={self.socket}",
                f"--port={self.port}",
                "--bind-address=127.0.0.1",
                f"--pid-file={self.root / 'mariadb.pid'}",
                "--skip-log-bin",
                f"--tmpdir={tmp}",
                "--innodb-buffer-pool-size=64M",
                *as_root,
            ],
            stdout=(self.root / "mariadb.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.connect("mysql").close()
                return
            except pymysql.MySQLError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        raise RuntimeError((self.root / "mariadb.log").read_text())

    def connect(self, database):
        return pymysql.connect(
            unix_socket=str(self.socket), user="root", database=database, charset="utf8mb4"
        )

    def load(self, database, dump, rename_prefix=None):
        with self.connect("mysql") as connection, connection.cursor() as cursor:
            cursor.execute(
                f"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            )
            cursor.execute("CREATE USER IF NOT EXISTS 'nukeviet'@'127.0.0.1' IDENTIFIED BY 'cu'")
            cursor.execute(f"GRANT ALL ON `{database}`.* TO 'nukeviet'@'127.0.0.1'")
        sql = dump.read_bytes()
        if dump.suffix == ".gz":
            sql = gzip.decompress(sql)
        if rename_prefix:
            sql = sql.replace(b"`nv4_", f"`{rename_prefix}_".encode())
        subprocess.run(
            [
                _find("mariadb"),
                "--no-defaults",
                f"--socket={self.socket}",
                "-uroot",
                "--default-character-set=utf8mb4",
                database,
            ],
            input=sql,
            check=True,
            capture_output=True,
        )
        return f"mysql://nukeviet:cu@127.0.0.1:{self.port}/{database}"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def main(argv):
    if len(argv) != 1:
        raise SystemExit("usage: python -m importer.sandbox DUMP.sql[.gz]")
    if not mariadb_installed():
        raise SystemExit("MariaDB chưa được cài: apt-get install mariadb-server")
    server = MariaDB(Path(tempfile.mkdtemp(prefix="nukeviet-mariadb-")))
    server.start()
    try:
        url = server.load("nukeviet", Path(argv[0]))
        print(f"MariaDB đang chạy. Nhập bằng: python manage.py import_nukeviet --db {url}")
        print("Ctrl-C để dừng.", flush=True)
        while server.process.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
