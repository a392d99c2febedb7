"""Content versions: one per kind of content, bumped when an editor changes it.

Whatever is cached from what readers see (whole pages in portal.pagecache, the blocks every
cold render repeats, cached counts) is kept under the versions of what it shows, so the next
request after a change finds it stale (docs/caching.md).
"""

import contextvars
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe

NEWS, DOCUMENTS, POLLS, SITE, PAGES = "news", "documents", "polls", "site", "pages"
# news: articles, categories, tags, comments · documents: documents and their lists ·
# polls: polls and choices · site: settings, banners, notices · pages: department pages,
# leaders, albums and videos.
DOMAINS = (NEWS, DOCUMENTS, POLLS, SITE, PAGES)

PREFIX = "pagecache"
VERSION_KEYS = [f"{PREFIX}:v:{d}" for d in DOMAINS]

# Reader-specific values never stored: cached HTML holds these and each reader gets their own.
CSRF_PLACEHOLDER = "csrf-token-placeholder-3b9e"

# The versions the page cache read for this request (one MGET with the page).
request_versions = contextvars.ContextVar("pagecache_versions", default=None)


# Versions ------------------------------------------------------------------------------------


def new_version():
    # Random, not the clock: two bumps in the same instant (or a frozen test clock) differ.
    return secrets.token_hex(6)


def versions_from(found):
    """{domain: version} from an MGET result; a missing version is created."""
    versions, missing = {}, {}
    for domain, key in zip(DOMAINS, VERSION_KEYS, strict=True):
        value = found.get(key)
        if value is None:
            value = missing[key] = new_version()
        versions[domain] = value
    for key, value in missing.items():
        cache.add(key, value, None)
    return versions


def current_versions():
    """The versions of this request (read once, by the middleware), else from Redis."""
    versions = request_versions.get()
    if versions is None:
        versions = versions_from(cache.get_many(VERSION_KEYS))
    return versions


def versions_key():
    """All current versions as one string: what cached counts and search candidates key on."""
    return ".".join(current_versions().values())


def bump(*domains):
    """New versions for ``domains`` (all without arguments): now, and once more after the
    current transaction commits (however many rows it saved).

    The first write makes the change visible to the saving request (and to tests inside a
    transaction); the second makes stale what a reader rendered from the uncommitted rows.
    """
    domains = domains or DOMAINS
    _write_versions(domains)
    connection = transaction.get_connection()
    pending = connection.__dict__.setdefault("_pagecache_pending", set())
    pending.update(domains)
    registered = any(item[1] is _write_pending for item in connection.run_on_commit)
    if not registered:
        transaction.on_commit(_write_pending)


def _write_versions(domains):
    cache.set_many({f"{PREFIX}:v:{d}": new_version() for d in domains}, None)


def _write_pending():
    connection = transaction.get_connection()
    pending = connection.__dict__.get("_pagecache_pending")
    if pending:
        connection._pagecache_pending = set()
        _write_versions(pending)


def bumper(*domains):
    """A signal receiver that bumps ``domains``."""

    def receiver(**kwargs):
        bump(*domains)

    return receiver


def bump_all():
    """Every page and block is stale from the next request on (pagecache_bump)."""
    _write_versions(DOMAINS)


# Blocks every cold render repeats ------------------------------------------------------------


def cached_block(name, domains, compute, seconds=None):
    """``compute()``, kept in Redis under the current versions of ``domains`` for at most
    ``seconds`` (PAGE_CACHE_SECONDS: what opens and closes by the clock shows on time)."""
    versions = current_versions() if domains else {}
    key = f"{PREFIX}:block:{name}:" + ".".join(versions[d] for d in domains)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds or settings.PAGE_CACHE_SECONDS)
    return value


def forget_block(name):
    """Drop a block kept without versions (``domains`` empty)."""
    cache.delete(f"{PREFIX}:block:{name}:")


# CSRF tokens -----------------------------------------------------------------------------------


def placeholder_context(**context):
    """A template context whose {% csrf_token %} renders the placeholder."""
    return {"csrf_token": CSRF_PLACEHOLDER, **context}


def with_csrf_token(html, request):
    """``html`` with this request's CSRF token in place of the placeholder (left in a page
    the page cache may keep: the middleware swaps it when it serves the page)."""
    if CSRF_PLACEHOLDER in html and not getattr(request, "page_cache", False):
        html = html.replace(CSRF_PLACEHOLDER, get_token(request) if request else "")
    return mark_safe(html)
