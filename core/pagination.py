"""Page numbers that stay cheap at any volume.

A list shows at most MAX_PAGES numbered pages: page n costs an index scan of n pages' rows,
never a walk over the whole archive, and the count behind the page links is the number of
rows up to that bound (a LIMITed count, not an exact COUNT of every published article),
kept in the cache under the content version. A ?page= past the last page shows the last
page, as Django's get_page() does; older items are found by search.

Why bounded page numbers and not keyset (?truoc=<date,id>) links: the numbered URLs that
readers, feeds and search engines already hold keep working unchanged for every depth a
reader pages through (200 pages of 12 articles is months of news), with no new parameter
for the page cache to key on.
"""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from core.versions import versions_key

MAX_PAGES = 200
# Scheduled and expiring articles change a count or a search without a content version
# bump: a cached one is off by a row or two for at most this long.
COUNT_SECONDS = 300


def count_version():
    """The versions that invalidate cached counts: all of them (a list's rows come from one
    app, but a name here does not say which; a bump elsewhere costs one count)."""
    return versions_key()


def cached_on_content(name, compute):
    """``compute()``, kept in the cache under ``name`` and the content version (for at
    most COUNT_SECONDS: the clock publishes and expires articles without a version bump)."""
    digest = hashlib.blake2b(name.encode(), digest_size=12).hexdigest()
    key = f"pagination:{digest}:{count_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, COUNT_SECONDS)
    return value


class BoundedPaginator(Paginator):
    """A Paginator with at most ``max_pages`` pages whose count is bounded and cached.

    ``count_key`` names the list (with everything its rows depend on but the current
    time); without it the key is the SQL text, which must then hold no timestamp."""

    def __init__(self, object_list, per_page, *, count_key=None, max_pages=MAX_PAGES, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.max_pages = max_pages
        self.count_key = count_key

    @property
    def row_limit(self):
        return self.max_pages * self.per_page

    @cached_property
    def bounded_count(self):
        """Rows up to ``row_limit`` + 1: one more tells that the list goes on."""
        name = self.count_key or str(self.object_list.query)
        return cached_on_content(
            f"count:{self.row_limit}:{name}",
            lambda: self.object_list[: self.row_limit + 1].count(),
        )

    @cached_property
    def count(self):
        return min(self.bounded_count, self.row_limit)

    @property
    def truncated(self):
        """True when the list has more rows than its numbered pages show."""
        return self.bounded_count > self.row_limit


def page_numbers(page_obj):
    """The page links under a list: 1 2 … 7 8 [9] 10 11 … 199 200."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2))
