"""Page caching shared by the apps: a content version, per-process memos, CSRF placeholders.

Cached fragments of public pages key on the content version; each app bumps it when an
editor changes what those pages show, so the next reader gets fresh pages. A short expiry
on the fragments (PAGE_CACHE_SECONDS) covers articles that become due by themselves
(scheduled publication, expiry).
"""

import threading
import time

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe

VERSION_KEY = "content-version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
    return version


def bump_content_version(**kwargs):
    _bump()
    # Once more after the commit: a reader between the save and the commit reads the old
    # rows and may have cached them under the first new version.
    transaction.on_commit(_bump)


def _bump():
    cache.set(VERSION_KEY, time.time_ns(), None)


# Per-process memos -------------------------------------------------------------------------
#
# Data that every page shows and editors rarely change (site settings, menu, side blocks) is
# kept in the worker process for MEMO_SECONDS in front of Redis. The signal that invalidates
# the Redis copy also forgets the memo of the process that saved, so an editor's change
# shows at once there and within MEMO_SECONDS in the other workers.

MEMO_SECONDS = 5.0

_memos = {}
_memo_lock = threading.Lock()


def memoized(name, compute, seconds=MEMO_SECONDS):
    """``compute()``, kept in this process for ``seconds`` (None: for the process's life)."""
    now = time.monotonic()
    entry = _memos.get(name)
    if entry is not None and (entry[1] is None or now < entry[1]):
        return entry[0]
    value = compute()
    with _memo_lock:
        _memos[name] = (value, None if seconds is None else now + seconds)
    return value


def forget_memo(*names):
    with _memo_lock:
        for name in names:
            _memos.pop(name, None)


def forget_all_memos():
    with _memo_lock:
        _memos.clear()


# CSRF tokens in cached HTML ---------------------------------------------------------------
#
# A token belongs to one reader: cached HTML holds this placeholder instead, and each
# request puts its own token in.

CSRF_PLACEHOLDER = "csrf-token-placeholder-3b9e"


def placeholder_context(**context):
    """A template context whose {% csrf_token %} renders the placeholder."""
    return {"csrf_token": CSRF_PLACEHOLDER, **context}


def with_csrf_token(html, request):
    """Cached ``html`` with this request's CSRF token in place of the placeholder."""
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request) if request else "")
    return mark_safe(html)


# Fragments fetched together -----------------------------------------------------------------


class PrefetchedFragments(dict):
    """Cached fragments by key; ``asked`` holds every key looked up (hit or miss)."""

    def __init__(self, found, asked):
        super().__init__(found)
        self.asked = frozenset(asked)


def prefetch_fragments(*fragments):
    """One round trip for the {% fragment %} blocks a page will render.

    ``fragments``: (name, [vary_on values]) exactly as the template passes them.
    """
    keys = [make_template_fragment_key(name, vary_on) for name, vary_on in fragments]
    return PrefetchedFragments(cache.get_many(keys), keys)
