import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def _import_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings"],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_with_the_default_secret():
    result = _import_settings(DEBUG="0")
    assert result.returncode != 0
    assert "Refusing to start: DEBUG=0 with the default SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret():
    result = _import_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_development_default_starts_without_a_secret():
    result = _import_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_check_deploy_warns_only_of_what_docs_deploy_explains():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        HTTPS="1",
        ALLOWED_HOSTS="example.vn",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    warnings = set(re.findall(r"\((security\.W\d+)\)", result.stdout + result.stderr))
    explained = (BASE_DIR / "docs" / "deploy.md").read_text()
    assert {w for w in warnings if w not in explained} == set()


def _variables_read(path):
    """Environment variables a source file reads: env("X"), env.int("X"), os.environ["X"]…"""
    text = (BASE_DIR / path).read_text()
    pattern = r'(?:\benv(?:\.\w+)?|os\.environ(?:\.get|\.setdefault)?)[(\[]\s*"([A-Z][A-Z0-9_]+)"'
    return set(re.findall(pattern, text))


def _readme_table_variables():
    readme = (BASE_DIR / "README.md").read_text()
    table = readme.split("## Environment variables", 1)[1].split("\n### ", 1)[0]
    first_cells = [row.split("|")[1] for row in table.splitlines() if row.startswith("| `")]
    return {name for cell in first_cells for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", cell)}


def test_every_environment_variable_read_is_in_the_readme():
    readme = (BASE_DIR / "README.md").read_text()
    read = _variables_read("portal/settings.py") | _variables_read("devtools/launcher.py")
    read.discard("DJANGO_SETTINGS_MODULE")  # Django's own, set by the launcher
    assert len(read) > 40  # the pattern still finds them
    assert sorted(v for v in read if f"`{v}`" not in readme) == []


def test_the_readme_lists_no_variable_that_nothing_reads():
    read = set()
    for path in ("portal/settings.py", "devtools/launcher.py", "devtools/embedded.py"):
        read |= _variables_read(path)
    assert sorted(_readme_table_variables() - read) == []
