"""The supervision loop's rules on plain commands: who died, why, and the back-off."""

import signal
import sys
import time

from devtools import supervisor
from devtools.supervisor import CommandChild, Supervisor, describe_exit


def test_exit_is_described_by_signal_name_or_status():
    assert describe_exit(-signal.SIGKILL) == "killed by signal SIGKILL"
    assert describe_exit(3) == "exited with status 3"


def test_a_child_that_keeps_dying_is_restarted_with_a_doubling_back_off(monkeypatch, tmp_path):
    monkeypatch.setattr(supervisor, "BACKOFF_FIRST", 0.05)
    child = CommandChild("crashy", [sys.executable, "-c", "raise SystemExit(3)"], None, tmp_path)
    said = []
    loop = Supervisor([child], said.append)
    child.launch()
    deadline = time.monotonic() + 20
    while sum("restarted" in line for line in said) < 3 and time.monotonic() < deadline:
        loop.tick()
        time.sleep(0.01)
    loop.stop()
    deaths = [line for line in said if "died" in line]
    assert len(deaths) >= 3
    assert "exited with status 3" in deaths[0]
    delays = [float(line.rsplit("restarting in ", 1)[1].split()[0]) for line in deaths[:3]]
    assert delays == [0.05, 0.1, 0.2]
    assert child.quick_deaths >= 3


def test_stop_ends_a_child_that_ignores_sigterm(monkeypatch, tmp_path):
    monkeypatch.setattr(supervisor, "COMMANDS_STOP_SECONDS", 0.5)
    ready = tmp_path / "ready"
    stubborn = (
        "import pathlib, signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        f"pathlib.Path({str(ready)!r}).touch(); time.sleep(60)"
    )
    child = CommandChild("stubborn", [sys.executable, "-c", stubborn], None, tmp_path)
    said = []
    child.launch()
    while not ready.exists():
        assert child.process.poll() is None
        time.sleep(0.05)
    Supervisor([child], said.append).stop()
    assert child.process.poll() is not None
    assert "stubborn did not stop in time; killing it" in said
