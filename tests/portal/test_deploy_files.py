"""deploy/ is the one copy of the production setup: the docs point at it, the settings read it."""

import re

from tests.devtools.test_launcher import BASE_DIR

DEPLOY = BASE_DIR / "deploy"


def test_every_variable_of_the_example_environment_is_read_by_the_settings():
    settings_source = (BASE_DIR / "portal" / "settings.py").read_text()
    gunicorn_source = (DEPLOY / "gunicorn.conf.py").read_text()
    example = (DEPLOY / "portal.env.example").read_text().splitlines()
    names = [line.split("=", 1)[0] for line in example if line and not line.startswith("#")]
    assert "SECRET_KEY" in names
    unread = [
        name
        for name in names
        if f'"{name}"' not in settings_source and f'"{name}"' not in gunicorn_source
    ]
    assert unread == []


def test_units_run_the_checkout_with_the_example_environment_and_restart():
    for unit in ("web", "worker", "beat"):
        text = (DEPLOY / "systemd" / f"portal-{unit}.service").read_text()
        assert "EnvironmentFile=/etc/portal/portal.env" in text
        assert "Restart=always" in text
        assert re.search(r"^ExecStart=/srv/portal/\.venv/bin/", text, re.MULTILINE)
    web = (DEPLOY / "systemd" / "portal-web.service").read_text()
    assert "--config /srv/portal/deploy/gunicorn.conf.py" in web


def test_the_deploy_guide_links_the_files_instead_of_copying_them():
    guide = (BASE_DIR / "docs" / "deploy.md").read_text()
    for path in sorted(DEPLOY.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            assert f"(../deploy/{path.relative_to(DEPLOY)})" in guide, path
    assert "```nginx" not in guide
    assert "```ini" not in guide
