"""`manage.py check --deploy` with production settings: only the two documented warnings."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def test_check_deploy_reports_only_the_documented_warnings():
    env = dict(
        os.environ,
        DEBUG="0",
        HTTPS="1",
        SECRET_KEY="x" * 60 + "-deploy-check-only-not-a-real-secret",
        ALLOWED_HOSTS="tuyengiao.example.vn",
        SITE_URL="https://tuyengiao.example.vn",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    reported = {word.strip(":()") for word in output.split() if word.startswith("(security.")}
    # W019: the document page frames its own PDFs (SAMEORIGIN); W021: HSTS preload is opt-in.
    assert reported == {"security.W019", "security.W021"}, output
