"""A version number for public content: cached fragments key on it, editors' saves bump it.

Publishing, editing or deleting an article, a category or a document changes the version,
so the next reader gets a fresh home page; a short expiry on the fragments covers
articles that become due by themselves (scheduled publication, expiry).
"""

import time

from django.core.cache import cache

VERSION_KEY = "content-version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
    return version


def bump_content_version(**kwargs):
    cache.set(VERSION_KEY, time.time_ns(), None)
