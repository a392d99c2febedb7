"""The page cache: whole public pages for anonymous readers, kept in Redis (docs/caching.md).

One story, two levels:

- ``PageCacheMiddleware`` keeps the complete response of the pages listed in ``RULES`` and
  serves it before sessions, CSRF, authentication and URL resolution, in one Redis round
  trip (MGET of the entry and the content versions). An entry remembers the versions it was
  rendered under; it is fresh while they are unchanged and its ``until`` time (at most
  PAGE_CACHE_SECONDS, never past the next scheduled publication or expiry) has not passed.
  Entries that are no longer fresh stay in Redis for PAGE_CACHE_STALE_SECONDS and are served
  only when the database cannot be reached.
- ``core.versions.cached_block`` keeps the blocks every cold render repeats (menus, banners,
  the right column) under the same versions.

Each kind of content has its own version (``core.versions``), bumped once after the commit
that changed it; ``python manage.py pagecache_bump`` bumps them all.
"""

import hashlib
import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import CsrfViewMiddleware, InvalidTokenFormat, get_token
from django.utils import timezone

from core import redis as portal_redis
from core.pagination import MAX_PAGES
from core.versions import (
    CSRF_PLACEHOLDER,
    DOCUMENTS,
    DOMAINS,
    NEWS,
    PAGES,
    PREFIX,
    SITE,
    VERSION_KEYS,
    new_version,
    request_versions,
    versions_from,
)

# Every HTML page carries the frame: menu (news, pages), right column (documents, polls),
# banners and settings (site).
FRAME = DOMAINS

_PAGE = "page"
_SLUG = r"[a-z0-9-]+"
# (path, the query parameters the page reads in key order, the versions it shows).
# A parameter not listed is dropped from the request before the view sees it.
RULES = [
    (r"/", (), FRAME),
    (rf"/tin-tuc/(?:{_SLUG}/)?", (_PAGE,), FRAME),
    (rf"/tin-tuc/{_SLUG}/{_SLUG}-\d+/", (), FRAME),
    (r"/tim-kiem/", ("q", _PAGE), FRAME),
    (r"/van-ban/", ("q", "code", "type", "body", "field", "year", _PAGE), FRAME),
    (r"/van-ban/du-thao/", (_PAGE,), FRAME),
    (r"/van-ban/\d+-[^/]+/", (), FRAME),
    (rf"/rss/(?:{_SLUG}/)?", (), (NEWS, SITE)),
    (r"/sitemap\.xml", (), (NEWS, DOCUMENTS, PAGES)),
    (r"/(?:thu-vien-anh|video)/", (_PAGE,), FRAME),
    (rf"/(?:thu-vien-anh|video)/{_SLUG}-\d+/", (), FRAME),
    # The department's pages (DESIGN.md's URLs): introduction and its sub-pages, contact,
    # privacy. Pages an editor puts elsewhere are served uncached.
    (rf"/(?:gioi-thieu/(?:{_SLUG}/){{0,4}}|lien-he/|chinh-sach-bao-mat/)", (), FRAME),
]
_RULES = [(re.compile(path + r"\Z"), params, versions) for path, params, versions in RULES]
MAX_PAGE = MAX_PAGES  # past it the lists show their last numbered page (core.pagination)
MAX_TEXT = 100

_NEWS_DUE_KEY = f"{PREFIX}:due:news"
# One request re-renders a page that is no longer fresh; the others get its last copy meanwhile.
# A render that dies leaves the lock to expire after this long.
RENDER_LOCK_SECONDS = 10
# Answers that mean the page is gone or moved: its stored copy goes too.
_GONE = {301, 302, 404, 410}

# Vary: the key decides; Content-Length: the served copy's token changes the length.
_NOT_STORED = {"vary", "content-length"}

_csrf = CsrfViewMiddleware(lambda request: None)


# Scheduled articles: a page is fresh at most until the next publication or expiry ------------


def _next_news_due(versions):
    """The next moment (epoch seconds) an article appears or expires by itself, or None."""
    found = cache.get(_NEWS_DUE_KEY)
    if found is not None and found[0] == versions[NEWS]:
        return found[1]
    from news.services import next_scheduled_change  # portal composes the apps

    now = timezone.now()
    due = next_scheduled_change(now)
    value = due.timestamp() if due else None
    cache.set(_NEWS_DUE_KEY, (versions[NEWS], value), settings.PAGE_CACHE_STALE_SECONDS)
    return value


def _serve_csrf(request, response):
    """Swap the placeholder for this reader's token and give them the cookie it checks."""
    placeholder = CSRF_PLACEHOLDER.encode()
    if placeholder not in response.content:
        return
    if "CSRF_COOKIE" not in request.META:  # a hit: CsrfViewMiddleware did not run
        try:
            secret = _csrf._get_secret(request)
        except InvalidTokenFormat:
            secret = None
        if secret is not None:
            request.META["CSRF_COOKIE"] = secret
    response.content = response.content.replace(placeholder, get_token(request).encode())
    if response.has_header("Content-Length"):  # set by CommonMiddleware for the placeholder
        response["Content-Length"] = str(len(response.content))
    _csrf._set_csrf_cookie(request, response)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False


# Keys ------------------------------------------------------------------------------------------


def _rule(path):
    for pattern, params, versions in _RULES:
        if pattern.match(path):
            return params, versions
    return None


def _clean(name, value):
    """The value as the page reads it, or None to leave the request uncached."""
    value = " ".join(value.split())
    if len(value) > MAX_TEXT:
        return None  # the page answers with a message; not worth an entry
    if name == _PAGE:
        if not value.isdigit():
            return ""  # garbage is page 1
        number = min(int(value), MAX_PAGE)
        return str(number) if number > 1 else ""
    return value


def _normalised_query(request, params):
    pairs = []
    for name in params:
        if name in request.GET:
            value = _clean(name, request.GET.get(name))
            if value is None:
                return None
            if value or name == "q":
                pairs.append((name, value))
    return urlencode(pairs)


def _is_anonymous(request):
    cookies = request.COOKIES
    return not (
        settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


# The middleware --------------------------------------------------------------------------------


class PageCacheMiddleware:
    """Serves and stores anonymous readers' pages (see the module's docstring).

    Sits right after stats.middleware.VisitMiddleware: that one still counts every hit,
    reading the objects the page showed from the stored ``X-Count-View`` header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not _is_anonymous(request):
            return self.get_response(request)
        rule = _rule(request.path_info)
        if rule is None:
            return self.get_response(request)
        params, domains = rule
        query = _normalised_query(request, params)
        if query is None:
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:  # CommonMiddleware answers it with the 400 page
            return self.get_response(request)
        # The view sees only the parameters in the key: what is rendered is what is stored.
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)
        url = f"{request.scheme}://{host}{request.path}?{query}"
        key = f"{PREFIX}:page:" + hashlib.md5(url.encode()).hexdigest()

        found = cache.get_many([key, _NEWS_DUE_KEY, *VERSION_KEYS])
        versions = versions_from(found)
        entry = found.get(key)
        now = time.time()
        fresh = entry is not None and now < entry["until"]
        if fresh and all(entry["v"].get(d) == versions[d] for d in domains):
            return self._serve(request, entry)
        due = found.get(_NEWS_DUE_KEY)
        if due is not None and due[0] == versions[NEWS] and due[1] is not None and due[1] <= now:
            # An article was published or expired by the clock: what showed it is stale.
            versions[NEWS] = new_version()
            cache.set(f"{PREFIX}:v:{NEWS}", versions[NEWS], None)
            cache.delete(_NEWS_DUE_KEY)

        lock = key.replace(":page:", ":rendering:", 1)
        if entry is not None and not cache.add(lock, 1, RENDER_LOCK_SECONDS):
            # Another request is rendering this page now: its last copy for those milliseconds,
            # rather than every concurrent reader rendering it at once.
            return self._serve(request, entry)
        try:
            response = self._render(request, entry, versions)
            if getattr(response, "page_cache_entry", None) is None:
                self._store(request, response, key, domains, versions, now)
                _serve_csrf(request, response)
        finally:
            if entry is not None:
                cache.delete(lock)
        return response

    @classmethod
    def _store(cls, request, response, key, domains, versions, now):
        if response.status_code in _GONE:
            cache.delete(key)  # taken down: not even a database failure may show it again
        if request.method != "GET" or not cls._storable(response):
            return
        until = now + settings.PAGE_CACHE_SECONDS
        if NEWS in domains:
            news_due = _next_news_due(versions)
            if news_due is not None:
                until = min(until, news_due)
        entry = {
            "v": {d: versions[d] for d in domains},
            "until": until,
            "headers": [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED],
            "content": response.content,
        }
        cache.set(key, entry, settings.PAGE_CACHE_STALE_SECONDS)

    def _render(self, request, stale, versions):
        request.page_cache = True  # the context processor renders the CSRF placeholder
        request._page_cache_stale = stale
        token = request_versions.set(versions)
        try:
            return self.get_response(request)
        finally:
            request_versions.reset(token)

    @staticmethod
    def _storable(response):
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies  # a session, a message or a token of this reader
            and "private" not in control
            and "no-store" not in control
        )

    @staticmethod
    def _serve(request, entry):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        response.page_cache_entry = entry
        _serve_csrf(request, response)
        response["Content-Length"] = str(len(response.content))
        return response

    def process_exception(self, request, exception):
        """The database is unreachable: the last copy of the page beats the 500 page."""
        entry = getattr(request, "_page_cache_stale", None)
        if entry is not None and isinstance(exception, (OperationalError, InterfaceError)):
            return self._serve(request, entry)
        return None


def forget_pages():
    """Drop every stored page (the versions and blocks stay): the next request renders."""
    client = portal_redis.get_client()
    pattern = f"{settings.REDIS_KEY_PREFIX}:*:{PREFIX}:page:*"
    keys = list(client.scan_iter(match=pattern, count=1000))
    if keys:
        client.delete(*keys)
    return len(keys)
