"""`make run`'s launcher as a newcomer meets it: real processes, real signals."""

import base64
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
import pytest

from tests.accounts.helpers import current_token

from .processes import command_line, kill_tree, stuck_launcher_report

BASE_DIR = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_make_run(env):
    """`make run` as a child whose output (stdout and stderr) the test reads line by line."""
    return subprocess.Popen(
        [sys.executable, "-m", "devtools.launcher", "run"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def launcher_env(tmp_path, **extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY"}
        and not k.startswith("PYTEST")
    }
    env.update(
        PORTAL_VAR_DIR=str(tmp_path / "var"),
        EMBEDDED_POSTGRES_PORT=str(free_port()),
        EMBEDDED_REDIS_PORT=str(free_port()),
        PORT=str(free_port()),
        REDIS_KEY_PREFIX="launcher-test",
        MEDIA_ROOT=str(tmp_path / "var" / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "var" / "private"),
        STATIC_ROOT=str(tmp_path / "var" / "static"),
        WEB_CONCURRENCY="1",
    )
    env.update(extra)
    return env


def admin_can_log_in(base, password):
    """Log into /admin/ as a browser would: CSRF cookie, form POST, then the index."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/admin/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "admin", "password": password, "next": "/admin/"}
    ).encode()
    request = urllib.request.Request(f"{base}/admin/login/", form, headers={"Referer": base})
    page = opener.open(request).read().decode()
    # The first staff sign-in enrols an authenticator app (accounts/twofactor.py).
    secret = re.search(r"<code data-secret>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    code = current_token(base64.b32decode(secret))
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "token": code, "next": "/admin/"}
    ).encode()
    setup = f"{base}/tai-khoan/xac-thuc/dang-ky/"
    opener.open(urllib.request.Request(setup, form, headers={"Referer": base})).read()
    index = opener.open(f"{base}/admin/").read().decode()
    return "Bảng điều khiển" in index


def test_taken_port_gets_one_line_not_a_traceback(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "devtools.launcher", "run"],
            cwd=BASE_DIR,
            env=launcher_env(tmp_path, PORT=str(port)),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "Traceback" not in result.stderr


# Whole process trees: one at a time, so their stop timings do not compete.
@pytest.mark.xdist_group("launcher")
@pytest.mark.slow
def test_run_serves_then_ctrl_c_stops_every_process_within_ten_seconds(tmp_path):
    env = launcher_env(tmp_path, WEB_ACCESS_LOG="1")
    port = int(env["PORT"])
    launcher = start_make_run(env)
    output = []
    deadline = time.monotonic() + 240
    try:
        for line in launcher.stdout:
            output.append(line)
            if "Cổng thông tin đang chạy" in line or time.monotonic() > deadline:
                break
        assert any(f"http://127.0.0.1:{port}/" in line for line in output), "".join(output)
        # The first screen ends with the URL and the accounts, shown once; the font
        # subsetting and Celery's banners are in var/log/, not in the way.
        output += [launcher.stdout.readline() for _ in range(2)]
        screen = "".join(output)
        assert len(output) <= 24, screen
        assert "Cổng thông tin đang chạy" in output[-3]
        assert "shown once: Quản trị (admin): admin / " in output[-2]
        assert "shown once: Báo cáo viên: baocaovien / " in output[-1]
        for noise in ("fontTools", "celery@", "[tasks]", "GET / HTTP"):
            assert noise not in screen
        print(screen)
        children = psutil.Process(launcher.pid).children(recursive=True)
        names = " ".join(command_line(p) for p in children)
        for expected in ("postgres", "valkey-server", "gunicorn", "worker", "beat"):
            assert expected in names
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as home:
            assert home.status == 200
        accounts = (tmp_path / "var" / "accounts.txt").read_text()
        password = re.search(r"\(admin\): admin / (\S+)", accounts).group(1)
        assert admin_can_log_in(f"http://127.0.0.1:{port}", password)

        # Keep reading: a full pipe would block the launcher's own stop messages.
        rest = []
        threading.Thread(target=lambda: rest.extend(launcher.stdout), daemon=True).start()
        started = time.monotonic()
        launcher.send_signal(signal.SIGINT)
        try:
            returncode = launcher.wait(30)
        except subprocess.TimeoutExpired:
            pytest.fail(stuck_launcher_report(launcher, lambda: "".join(rest)))
        # 0, not 130: make then reports no "Error 130" after a Ctrl-C.
        assert returncode == 0
        # The supervisor kills what is left after 9 s; the margin is for a loaded CI machine.
        stopped = time.monotonic() - started
        print(f"\nCtrl-C to every process stopped: {stopped:.1f} s")
        assert stopped < 20
        time.sleep(0.5)
        assert [p.pid for p in children if p.is_running() and p.status() != "zombie"] == []
        assert "celery" in (tmp_path / "var" / "log" / "worker.log").read_text()
        # Asked for with WEB_ACCESS_LOG=1: written by gunicorn itself, without the address.
        access = (tmp_path / "var" / "log" / "access.log").read_text()
        assert "GET / HTTP" in access and "127.0.0.1" not in access
    finally:
        kill_tree(launcher)
