import contextlib
import signal
import time

import psutil


def command_line(process):
    """A process's command line, or "" once it has exited (zombies included)."""
    try:
        return " ".join(process.cmdline())
    except psutil.Error:
        return ""


def describe_tree(pid):
    """Each process under ``pid`` with its state, for a failure message."""
    try:
        processes = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return "(gone)"
    lines = []
    for process in processes:
        try:
            lines.append(f"{process.pid} {process.status()} {command_line(process)[:120]}")
        except psutil.Error:
            continue
    return "\n".join(lines)


def stuck_launcher_report(process, output):
    """After a stop timed out: the launcher's thread stacks (SIGUSR1) and what is still alive.

    ``output()`` returns what the launcher printed so far."""
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGUSR1)
    time.sleep(1)
    return f"launcher output:\n{output()}\nprocesses left:\n{describe_tree(process.pid)}"


def kill_tree(process):
    """Kill a launcher and everything under it: its children are listed first, since once it
    is gone they belong to init and can no longer be found from the test."""
    try:
        tree = psutil.Process(process.pid).children(recursive=True)
    except psutil.Error:
        tree = []
    if process.poll() is None:
        process.kill()
    for child in tree:
        with contextlib.suppress(psutil.Error):
            child.kill()
