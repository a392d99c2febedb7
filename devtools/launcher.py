"""`make run` and `make test`: embedded servers, then the portal or the test suite.

    python -m devtools.launcher run        # servers, migrate, demo content, web + worker + beat
    python -m devtools.launcher test ARGS  # servers, ruff, pytest ARGS
    python -m devtools.launcher services   # only the embedded servers, until Ctrl-C
    python -m devtools.launcher bench      # the benchmarks in bench/
    python -m devtools.launcher backup     # an archive in var/backups/ (see docs/operations.md)
    python -m devtools.launcher restore F  # that archive back into empty servers (--force: wipe)

With DATABASE_URL / REDIS_URL set, the given servers are used and none is started.
"""

import faulthandler
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from devtools.embedded import EmbeddedPostgres, EmbeddedValkey, ServiceError, port_is_open
from devtools.supervisor import CommandChild, ServerChild, Supervisor

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))
BIN_DIR = Path(sys.executable).parent
LOG_DIR = VAR_DIR / "log"


def say(message):
    print(f"[portal] {message}", flush=True)


class EmbeddedServices:
    """Starts the embedded servers that the environment does not provide, stops them last."""

    def __init__(self):
        self.started = []

    def __enter__(self):
        VAR_DIR.mkdir(exist_ok=True)
        if not os.environ.get("DATABASE_URL"):
            postgres = EmbeddedPostgres(
                VAR_DIR, int(os.environ.get("EMBEDDED_POSTGRES_PORT", 54329))
            )
            self._start(postgres)
            os.environ["DATABASE_URL"] = postgres.url
        if not os.environ.get("REDIS_URL"):
            valkey = EmbeddedValkey(VAR_DIR, int(os.environ.get("EMBEDDED_REDIS_PORT", 63799)))
            self._start(valkey)
            os.environ["REDIS_URL"] = valkey.url
        return self

    def _start(self, server):
        began = time.monotonic()
        try:
            if server.ensure_started():
                self.started.append(server)
                say(
                    f"{server.name} started on {server.host}:{server.port} "
                    f"({time.monotonic() - began:.1f} s, data in {server.data_dir})"
                )
            else:
                say(f"{server.name} already running on {server.host}:{server.port}, reusing it")
        except ServiceError as exc:
            self.__exit__(None, None, None)
            raise SystemExit(f"[portal] {exc}") from None

    def __exit__(self, *exc_info):
        for server in reversed(self.started):
            if server.process is not None:
                server.stop()
                say(f"{server.name} stopped")
        self.started = []


def secret_key():
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


# The path without the query string, status, size and time: no client address, no user agent.
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


def access_log_args():
    """gunicorn's access log, off unless WEB_ACCESS_LOG=1 (README).

    Off by default: through the supervisor's pipe it took the home page's p99 from 64 to
    415 ms (issue 11) and it held every reader's IP. When on, gunicorn writes it straight to
    var/log/access.log (no pipe, no extra process) in a format without the address."""
    if os.environ.get("WEB_ACCESS_LOG", "0") not in ("1", "true", "yes", "on"):
        return []
    return [
        "--access-logfile",
        str(LOG_DIR / "access.log"),
        "--access-logformat",
        ACCESS_LOG_FORMAT,
    ]


def quiet_setup_logs():
    """The demo's PDF font subsetting logs hundreds of lines: into var/log/setup.log."""
    import logging

    LOG_DIR.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(LOG_DIR / "setup.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("fontTools", "fpdf"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False


def prepare_django():
    """Migrate, collect static files, load demo content and accounts, in one process.

    Returns the accounts' lines, printed after the URL so the first screen ends with them."""
    import io

    import django
    from django.core.management import call_command

    django.setup()
    quiet_setup_logs()
    call_command("migrate", interactive=False, verbosity=0)
    say("database migrated")
    call_command("collectstatic", interactive=False, verbosity=0)
    # DEMO=0: an empty portal, e.g. for a department that imports its NukeViet site.
    demo = os.environ.get("DEMO", "1") != "0"
    if demo:
        call_command("seed_demo", if_empty=True)
    else:
        say("DEMO=0: no demo content loaded")
    accounts = io.StringIO()
    call_command("ensure_accounts", demo_reporter=demo, stdout=accounts)

    from django.db import connections

    connections.close_all()
    return accounts.getvalue().splitlines()


def check_port_free(host, port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            raise SystemExit(
                f"[portal] Port {port} on {host} is already in use; "
                f"choose another, e.g. PORT={port + 1} make run"
            ) from None


def announce_when_serving(host, port, stop_event, accounts=()):
    while not stop_event.is_set():
        if port_is_open(host, port):
            say(f"logs: {LOG_DIR}/web.log, worker.log, beat.log (errors are shown here too)")
            say(f"Cổng thông tin đang chạy: http://{host}:{port}/  (Ctrl-C để dừng)")
            for line in accounts:
                print(line, flush=True)
            return
        time.sleep(0.2)


def machine_addresses():
    """The names and addresses this machine answers to (never a wildcard)."""
    names = {"127.0.0.1", "localhost", "[::1]", socket.gethostname(), socket.getfqdn()}
    for name in (socket.gethostname(), socket.getfqdn()):
        try:
            infos = socket.getaddrinfo(name, None)
        except OSError:
            continue
        names.update(info[4][0] for info in infos)
    # A route to a public address reveals the outward interface without sending anything.
    for family, target in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect((target, 9))
                names.add(probe.getsockname()[0])
        except OSError:
            continue
    return sorted(f"[{n}]" if ":" in n and not n.startswith("[") else n for n in names if n)


def allowed_hosts(host, configured=None):
    """ALLOWED_HOSTS for `make run`: the configured list, else this machine's own names.
    A wildcard is never made up: a forged Host header would then reach e-mailed links."""
    if configured:
        allowed = [name.strip() for name in configured.split(",") if name.strip()]
    elif host in ("0.0.0.0", "::"):
        allowed = machine_addresses()
        say(
            "HOST listens on every interface; accepted host names: "
            + ", ".join(allowed)
            + " (set ALLOWED_HOSTS=your.domain to add the site's name)"
        )
    else:
        allowed = ["127.0.0.1", "localhost"]
    if host not in ("0.0.0.0", "::") and host not in allowed:
        allowed.append(host)
    return ",".join(allowed)


def run():
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    check_port_free(host, port)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", secret_key())
    os.environ["ALLOWED_HOSTS"] = allowed_hosts(host, os.environ.get("ALLOWED_HOSTS"))

    with EmbeddedServices() as services:
        accounts = prepare_django()
        env = dict(os.environ)
        python = str(BIN_DIR / "python")
        commands = {
            "web": [
                str(BIN_DIR / "gunicorn"),
                "portal.wsgi",
                "-b",
                f"{host}:{port}",
                "--workers",
                os.environ.get("WEB_CONCURRENCY", "3"),
                "--threads",
                "2",
                "--keep-alive",  # as in deploy/gunicorn.conf.py: requests spread over workers
                "0",
                *access_log_args(),
                "--graceful-timeout",
                "3",
            ],
            "worker": [python, "-m", "celery", "-A", "portal", "worker", "--loglevel", "INFO"]
            + ["--concurrency", "2"],
            "beat": [python, "-m", "celery", "-A", "portal", "beat", "--loglevel", "INFO"]
            + ["--schedule", str(VAR_DIR / "celerybeat-schedule")],
        }
        children = [ServerChild(server) for server in services.started]
        # Access logs and Celery's banners go to var/log/: the console keeps the URL in view.
        children += [
            CommandChild(name, argv, env, str(BASE_DIR), width=10, log_path=LOG_DIR / f"{name}.log")
            for name, argv in commands.items()
        ]
        stop_event = threading.Event()
        threading.Thread(
            target=announce_when_serving, args=(host, port, stop_event, accounts), daemon=True
        ).start()
        Supervisor(children, say).run()
        stop_event.set()
    return 0


def run_tests(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    with EmbeddedServices():
        for command in (["ruff", "check", "."], ["ruff", "format", "--check", "."]):
            result = subprocess.run([str(BIN_DIR / command[0]), *command[1:]], cwd=BASE_DIR)
            if result.returncode:
                say(f"{' '.join(command)} failed")
                return result.returncode
        # Keep the servers up until pytest is done, even if Ctrl-C reaches us first. A no-op
        # handler, not SIG_IGN: an ignored SIGINT would be inherited by pytest and by every
        # `make run` that the launcher tests start, which then could not be stopped.
        signal.signal(signal.SIGINT, lambda signum, frame: None)
        result = subprocess.run([str(BIN_DIR / "python"), "-m", "pytest", *args], cwd=BASE_DIR)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    return result.returncode


def run_bench():
    """`make bench`: the page load benchmark, then the counting benchmark."""
    with EmbeddedServices():
        for module in ("bench.run", "bench.stats_bench"):
            result = subprocess.run([str(BIN_DIR / "python"), "-m", module], cwd=BASE_DIR)
            if result.returncode:
                return result.returncode
    return 0


def manage(argv):
    """`make backup` / `make restore`: a management command on the servers, started if need be."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    with EmbeddedServices():
        result = subprocess.run(
            [str(BIN_DIR / "python"), "manage.py", *argv], cwd=BASE_DIR, env=dict(os.environ)
        )
    return result.returncode


def services():
    with EmbeddedServices() as running:
        say(f"DATABASE_URL={os.environ['DATABASE_URL']}")
        say(f"REDIS_URL={os.environ['REDIS_URL']}")
        while running.started:
            time.sleep(1)
    return 0


def main(argv):
    command = argv[0] if argv else "run"
    # SIGTERM behaves like Ctrl-C so that the `with` blocks stop the servers; Ctrl-C works
    # even when the parent started us with SIGINT ignored (nohup, some CI runners).
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    # `kill -USR1 <pid>` prints every thread's stack: how to see where a stop is stuck.
    faulthandler.register(signal.SIGUSR1)
    try:
        if command == "run":
            return run()
        if command == "test":
            return run_tests(argv[1:])
        if command == "services":
            return services()
        if command == "bench":
            return run_bench()
        if command in ("backup", "restore"):
            return manage(argv)
    except KeyboardInterrupt:
        # Ctrl-C is how `make run` and `make services` are meant to end: a clean exit,
        # so make does not report "Error 130". Other commands were cut short.
        if command in ("run", "services"):
            say("stopped")
            return 0
        return 130
    raise SystemExit(
        f"unknown command {command!r}: use run, test, services, bench, backup or restore"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
