"""Counts kept on local disk while Redis is unreachable, replayed when it answers again.

When the recording script cannot run (Redis down, restarting, or refusing writes), the
request's arguments are appended as one JSON line to this process's file in
``COUNTER_SPOOL_DIR`` (``counts-<host>-<pid>.jsonl``); never PostgreSQL. They are replayed
through the same script, with the moment they happened, so the same dedup rules apply:
- by the process itself, on its next successful recording, if its file is small;
- by the flush task, for every file in the directory (processes that have exited).

A replayer first renames a file to ``claimed-<id>.jsonl`` and holds an exclusive flock on
it while it replays (a writer holds the same lock while appending a line, and reopens its
file if it was renamed meanwhile); a claimed file whose lock is free was left by a replayer
that died and is replayed again (visits, views and downloads are deduplicated by their
windows; page views of that file may then count twice).
"""

import contextlib
import fcntl
import json
import logging
import os
import socket
import uuid
from pathlib import Path

import redis
from django.conf import settings

from core import redis as portal_redis

log = logging.getLogger("stats.spool")

CHUNK = 500
INLINE_BYTES = 512 * 1024  # about 2,000 counts
_state = {"pending": False}


def directory():
    return Path(settings.COUNTER_SPOOL_DIR)


def own_path():
    return directory() / f"counts-{socket.gethostname()}-{os.getpid()}.jsonl"


def has_pending():
    """True when this process has spooled since its last replay."""
    return _state["pending"]


def forget():
    """Tests: a new spool directory, nothing pending in this process."""
    _state["pending"] = False


def keep(args):
    """Append one recording's script arguments to this process's spool file."""
    path = own_path()
    line = json.dumps(args, separators=(",", ":")) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > settings.COUNTER_SPOOL_MAX_BYTES:
            log.error("stats spool %s is full; a count is dropped", path)
            return False
        for _ in range(5):
            with path.open("a", encoding="utf-8") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                if not _is_same_file(handle, path):
                    continue  # a replayer claimed the file after it was opened: reopen
                handle.write(line)
                handle.flush()
                _state["pending"] = True
                return True
    except OSError:
        log.exception("stats: could not spool a count")
    return False


def _is_same_file(handle, path):
    try:
        return os.fstat(handle.fileno()).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False


def replay_own():
    """Replay this process's spool after its first successful recording, when it is small
    (a request should not wait for a long outage's counts: the flush task replays those)."""
    _state["pending"] = False
    try:
        if own_path().stat().st_size > INLINE_BYTES:
            return 0
    except FileNotFoundError:
        return 0
    return _replay_live(own_path())


def replay_all():
    """Replay every spool file in the directory; returns the number of lines replayed."""
    folder = directory()
    if not folder.is_dir():
        return 0
    replayed = 0
    for path in sorted(folder.iterdir()):
        if path.name.startswith("counts-") and path.suffix == ".jsonl":
            replayed += _replay_live(path)
        elif path.name.startswith("claimed-") and path.suffix == ".jsonl":
            replayed += _replay_abandoned(path)
    return replayed


def _replay_live(path):
    claimed = path.with_name(f"claimed-{uuid.uuid4().hex}.jsonl")
    try:
        path.rename(claimed)
    except FileNotFoundError:
        return 0
    with claimed.open("r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # waits for a writer in the middle of a line
        if not _is_same_file(handle, claimed):
            return 0  # another replayer took it over and finished
        return _replay_locked(handle, claimed)


def _replay_abandoned(path):
    try:
        handle = path.open("r+", encoding="utf-8")
    except FileNotFoundError:
        return 0
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return 0  # a live replayer holds it
        if not _is_same_file(handle, path):
            return 0
        return _replay_locked(handle, path)


def _replay_locked(handle, path):
    from stats.recorder import script

    entries = []
    for line in handle:
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            log.warning("stats spool %s: skipping a damaged line", path.name)
    client = portal_redis.get_client()
    done = 0
    try:
        for start in range(0, len(entries), CHUNK):
            pipe = client.pipeline(transaction=False)
            for args in entries[start : start + CHUNK]:
                script()(args=args, client=pipe)
            for result in pipe.execute(raise_on_error=False):
                if isinstance(result, redis.exceptions.ResponseError):
                    if str(result).startswith("OOM"):
                        raise result
                    log.error("stats spool: a spooled count was refused: %s", result)
            done = start + CHUNK
    except (*portal_redis.REDIS_ERRORS, redis.exceptions.ResponseError) as exc:
        portal_redis.record_failure(exc, "stats.spool.replay")
        for args in entries[done:]:
            keep(args)  # back into this process's own file, for the next replay
        path.unlink()
        return done
    path.unlink()
    if entries:
        log.info("stats spool: replayed %s counts from %s", len(entries), path.name)
    return len(entries)


def clear():
    """Tests: remove every spool file."""
    forget()
    with contextlib.suppress(FileNotFoundError):
        for path in directory().iterdir():
            path.unlink()
