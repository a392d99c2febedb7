"""`make run` heals itself: kill -9 any of its processes and the portal answers again."""

import json
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import psycopg2
import pytest

from tests.devtools.test_launcher import launcher_env, start_make_run

from .processes import command_line, kill_tree, stuck_launcher_report

# The portal answers (/ and /healthz 200, the process replaced) within this after a kill -9,
RECOVERY_SECONDS = 10
# and a restarted worker or beat is at work again (its start-up logged) within this.
READY_SECONDS = 30
# What tells, in the launcher's output, that a restarted child is ready for work.
READY_LINES = {"worker": "ready.", "beat": "beat: Starting"}


class Launcher:
    """`python -m devtools.launcher run` with its output collected line by line."""

    def __init__(self, env):
        self.log_dir = Path(env["PORTAL_VAR_DIR"]) / "log"
        self.port = int(env["PORT"])
        self.base = f"http://127.0.0.1:{self.port}"
        self.lines = []
        self.process = start_make_run(env)
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self):
        for line in self.process.stdout:
            self.lines.append(line)

    def output(self, since=0):
        return "".join(self.lines[since:])

    def wait_for_output(self, text, timeout, since=0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output(since):
                return True
            time.sleep(0.1)
        return False

    def log(self, name):
        """var/log/<name>.log, where a command's own output goes (only its errors reach
        the console)."""
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def wait_for_log(self, name, text, timeout, since=0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log(name)[since:]:
                return True
            time.sleep(0.1)
        return False

    def child(self, role):
        """The launcher's direct child playing ``role``."""
        for proc in psutil.Process(self.process.pid).children():
            if role in command_line(proc):
                return proc
        return None

    def status(self, path):
        try:
            with urllib.request.urlopen(self.base + path, timeout=2) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return None


# The role as it appears in the child's command line.
ROLES = {
    "worker": " worker ",
    "beat": " beat ",
    "web": "gunicorn",
    "Valkey": "valkey-server",
    "PostgreSQL": "postgres -D",
}


def kill_and_time_recovery(launcher, name):
    victim = launcher.child(ROLES[name])
    assert victim is not None, launcher.output()
    warm = name == "PostgreSQL" and launcher.status("/") == 200
    mark = len(launcher.lines)
    log_mark = len(launcher.log(name)) if name in READY_LINES else 0
    killed_at = time.monotonic()
    victim.send_signal(signal.SIGKILL)
    if warm:
        # Before it is back: the home page, cached a moment ago, needs no database.
        assert launcher.status("/") == 200, launcher.output(mark)
        assert launcher.status("/healthz") == 503  # it was down all the same
    answering = ready = None
    deadline = killed_at + READY_SECONDS
    while time.monotonic() < deadline and ready is None:
        replacement = launcher.child(ROLES[name])
        if answering is None and (
            replacement is not None
            and replacement.pid != victim.pid
            and launcher.status("/healthz") == 200
            and launcher.status("/") == 200
        ):
            answering = time.monotonic() - killed_at
        if answering is not None and (
            name not in READY_LINES or READY_LINES[name] in launcher.log(name)[log_mark:]
        ):
            ready = time.monotonic() - killed_at
        time.sleep(0.1)
    output = launcher.output(mark)
    assert f"{name} (pid {victim.pid}) died: killed by signal SIGKILL" in output, output
    assert ready is not None, output
    return answering, ready


def article_path(launcher):
    with urllib.request.urlopen(launcher.base + "/", timeout=5) as response:
        home = response.read().decode()
    return re.search(r'href="(/tin-tuc/[^/"]+/[^/"]+-(\d+)/)"', home).groups()


def view(launcher, path, number):
    # No cookie jar: each user agent is a visitor of its own (keyed hash of IP, agent, day).
    agent = (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/120.0.{number}.0 Safari/537.36"
    )
    request = urllib.request.Request(launcher.base + path, headers={"User-Agent": agent})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200


def flushed_views(env, article_id):
    with (
        psycopg2.connect(
            host="127.0.0.1", port=env["EMBEDDED_POSTGRES_PORT"], user="postgres", dbname="portal"
        ) as conn,
        conn.cursor() as cursor,
    ):
        cursor.execute("SELECT view_count FROM news_article WHERE id = %s", [article_id])
        count = cursor.fetchone()[0]
    conn.close()
    return count


# Whole process trees: one at a time, so their stop timings do not compete.
@pytest.mark.xdist_group("launcher")
@pytest.mark.slow
def test_every_killed_process_comes_back_and_counts_add_up(tmp_path):
    # A worker killed mid-flush leaves the flush lock until it expires (120 s by default).
    env = launcher_env(tmp_path, COUNTER_FLUSH_SECONDS="2", STATS_FLUSH_LOCK_SECONDS="5")
    launcher = Launcher(env)
    try:
        assert launcher.wait_for_output("Cổng thông tin đang chạy", 240), launcher.output()
        assert launcher.wait_for_log("beat", "beat: Starting", 30), launcher.log("beat")
        path, article_id = article_path(launcher)
        assert launcher.status("/") == 200  # warms the home page cache
        before = flushed_views(env, article_id)
        for number in range(3):
            view(launcher, path, number)

        recovery = {name: kill_and_time_recovery(launcher, name) for name in ROLES}
        rounded = {name: [round(s, 1) for s in times] for name, times in recovery.items()}
        print("\nafter kill -9, seconds to [answering, ready]:", json.dumps(rounded))
        assert all(answering < RECOVERY_SECONDS for answering, _ in recovery.values()), recovery

        for number in range(2):
            view(launcher, path, 10 + number)
        deadline = time.monotonic() + 60
        while flushed_views(env, article_id) < before + 5 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert flushed_views(env, article_id) == before + 5

        children = psutil.Process(launcher.process.pid).children(recursive=True)
        started = time.monotonic()
        since = len(launcher.lines)
        launcher.process.send_signal(signal.SIGINT)
        try:
            launcher.process.wait(30)
        except subprocess.TimeoutExpired:
            pytest.fail(stuck_launcher_report(launcher.process, lambda: launcher.output(since)))
        # The supervisor kills what is left after 9 s; the margin is for a loaded CI machine.
        stopped = time.monotonic() - started
        print(f"\nCtrl-C to every process stopped: {stopped:.1f} s")
        assert stopped < 20
        time.sleep(0.5)
        assert [p.pid for p in children if p.is_running() and p.status() != "zombie"] == []
    finally:
        kill_tree(launcher.process)
