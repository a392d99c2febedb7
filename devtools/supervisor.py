"""Keeps `make run`'s processes alive: a child that dies is restarted with a back-off.

Each child runs in its own session, so a terminal Ctrl-C reaches only the launcher, and a
dead child's leftovers (gunicorn workers, Celery pool processes, PostgreSQL backends) are
killed as one process group before it is started again.
"""

import contextlib
import os
import re
import signal
import subprocess
import threading
import time

from devtools.embedded import ServiceError

# The first restart comes after BACKOFF_FIRST seconds, each quick death doubles it.
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 30.0
# A child that ran this long before dying starts again from the first back-off.
STABLE_SECONDS = 60.0
# Ctrl-C: the commands get this long to stop, then the servers get the rest of STOP_SECONDS.
COMMANDS_STOP_SECONDS = 4.0
STOP_SECONDS = 9.0
POLL_SECONDS = 0.2


def describe_exit(returncode):
    if returncode is None:
        return "still running"
    if returncode < 0:
        try:
            return f"killed by signal {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exited with status {returncode}"


def kill_group(pid):
    """Kill what is left of a dead child's process group (orphaned workers, backends)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


class Child:
    """One supervised process and its restart bookkeeping."""

    stop_signal = signal.SIGTERM

    def __init__(self, name):
        self.name = name
        self.started_at = 0.0
        self.quick_deaths = 0
        self.restart_at = None

    def start(self):
        raise NotImplementedError

    def launch(self):
        self.start()
        self.started_at = time.monotonic()
        self.restart_at = None

    def died(self):
        return self.process is not None and self.process.poll() is not None

    def next_delay(self):
        lived = time.monotonic() - self.started_at
        self.quick_deaths = 0 if lived >= STABLE_SECONDS else self.quick_deaths + 1
        return min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, self.quick_deaths - 1))

    def signal_stop(self):
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, self.stop_signal)

    def kill(self):
        if self.process is not None:
            kill_group(self.process.pid)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(2)


# Lines of a logged command's output that the console shows all the same.
ALARMING = re.compile(r"\b(ERROR|CRITICAL|Traceback)\b")


class CommandChild(Child):
    """A command (gunicorn, Celery) whose output is shown prefixed with its name; with a
    ``log_path`` it goes to that file instead, and only its errors reach the console."""

    def __init__(self, name, argv, env, cwd, width=6, log_path=None):
        super().__init__(name)
        self.process = None
        self.argv, self.env, self.cwd = argv, env, cwd
        self.prefix = f"{name:<{width}} | "
        self.log_path = log_path

    def start(self):
        self.process = subprocess.Popen(
            self.argv,
            env=self.env,
            cwd=self.cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        threading.Thread(target=self._relay, args=(self.process.stdout,), daemon=True).start()

    def _relay(self, stream):
        log = open(self.log_path, "a", encoding="utf-8") if self.log_path else None  # noqa: SIM115
        try:
            for raw in iter(stream.readline, b""):
                line = raw.decode(errors="replace").rstrip("\n")
                if log is not None:
                    log.write(line + "\n")
                    log.flush()
                if log is None or ALARMING.search(line):
                    print(self.prefix + line, flush=True)
        finally:
            stream.close()
            if log is not None:
                log.close()


class ServerChild(Child):
    """An embedded server (devtools.embedded) that the launcher already started."""

    def __init__(self, server):
        self.server = server
        super().__init__(server.name)
        self.stop_signal = server.stop_signal
        self.started_at = time.monotonic()

    # The server's own process: a Ctrl-C during a restart still finds the new one.
    @property
    def process(self):
        return self.server.process

    def start(self):
        self.server.start()


class Supervisor:
    def __init__(self, children, say):
        self.children = children
        self.say = say

    def run(self):
        """Start the children, keep them alive until Ctrl-C (KeyboardInterrupt), stop them."""
        try:
            for child in self.children:
                if child.process is None:
                    child.launch()
            while True:
                self.tick()
                time.sleep(POLL_SECONDS)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def tick(self):
        now = time.monotonic()
        for child in self.children:
            if child.restart_at is None and child.died():
                returncode = child.process.returncode
                lived = now - child.started_at
                kill_group(child.process.pid)
                delay = child.next_delay()
                child.restart_at = now + delay
                self.say(
                    f"{child.name} (pid {child.process.pid}) died: {describe_exit(returncode)} "
                    f"after {lived:.0f} s; restarting in {delay:g} s"
                )
            elif child.restart_at is not None and now >= child.restart_at:
                try:
                    child.launch()
                    self.say(f"{child.name} restarted (pid {child.process.pid})")
                except (ServiceError, OSError) as exc:
                    delay = child.next_delay()
                    child.restart_at = time.monotonic() + delay
                    self.say(f"{child.name} failed to restart: {exc}; next try in {delay:g} s")

    def stop(self):
        """Commands first (they use the servers), then the servers; all within STOP_SECONDS."""
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        began = time.monotonic()
        try:
            commands = [c for c in self.children if not isinstance(c, ServerChild)]
            servers = [c for c in self.children if isinstance(c, ServerChild)]
            self._stop_group(commands, began + COMMANDS_STOP_SECONDS)
            self._stop_group(servers, began + STOP_SECONDS)
            for child in servers:
                child.server.process = None
        finally:
            signal.signal(signal.SIGINT, previous)

    def _stop_group(self, children, deadline):
        for child in children:
            child.signal_stop()
        for child in children:
            if child.process is None:
                continue
            try:
                child.process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.say(f"{child.name} did not stop in time; killing it")
            # Whatever is left in its group (pool processes, backends) goes too.
            child.kill()
            self.say(f"{child.name} stopped")
