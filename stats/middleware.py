"""Visits, page views, the online sets and object counts: one Redis round trip per request.

Keep this middleware ABOVE (outside) any cache middleware in settings.MIDDLEWARE so that
responses served from a cache pass through it too. Views whose response may be cached
mark it with ``stats.counters.mark_view(response, obj)`` (header ``X-Count-View``);
this middleware records those objects and removes the header (see stats.counters).
"""

import logging

from stats import bots, clock, recorder, visitors
from stats.counters import DOWNLOAD_HEADER, VIEW_HEADER, specs_from_header

log = logging.getLogger("stats")

# Paths that are neither visits nor page views (objects marked there are still counted).
SKIP_PREFIXES = (
    "/static/",
    "/media/",
    "/admin/",
    "/healthz",
    "/captcha/",
    "/favicon.ico",
    "/thong-ke/",
)


def _is_page_view(request, response):
    return (
        response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and not request.headers.get("x-requested-with")
    )


class VisitMiddleware:
    """Records visits, page views, online sets and counted objects after each response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        new_cookie = ""
        try:
            is_bot = bots.is_bot(request)
            request.is_bot = is_bot
            cookie_id = visitors.cookie_visitor_id(request)
            request.visitor_id = cookie_id or visitors.fallback_visitor_id(request)
            if not cookie_id and not is_bot:
                new_cookie = visitors.new_visitor_id()
        except Exception:
            log.exception("stats: could not identify the visitor")
            is_bot = True  # identify nothing, count nothing
        request._stats_objects = []

        response = self.get_response(request)

        try:
            specs = list(request._stats_objects)
            specs += specs_from_header(response.get(VIEW_HEADER), "v")
            specs += specs_from_header(response.get(DOWNLOAD_HEADER), "d")
            for header in (VIEW_HEADER, DOWNLOAD_HEADER):
                if header in response:
                    del response[header]
            self._record(request, response, is_bot, new_cookie, list(dict.fromkeys(specs)))
            if new_cookie:
                response.set_cookie(
                    visitors.COOKIE_NAME,
                    new_cookie,
                    max_age=visitors.COOKIE_MAX_AGE,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
        except Exception:  # counting must never break the page
            log.exception("stats: recording failed")
        return response

    def _record(self, request, response, is_bot, new_cookie, specs):
        tracked = (
            request.method == "GET"
            and (response.status_code < 400 or response.status_code == 404)
            and not request.path.startswith(SKIP_PREFIXES)
        )
        if request.method != "GET" or response.status_code >= 400:
            specs = []  # a HEAD, a form post or an error page is not a view or a download
        if not tracked and not specs:
            return
        if is_bot:
            if not tracked:
                return
            specs = []  # bots are counted apart, never as views or downloads
            kind = "bot"
        else:
            user = getattr(request, "user", None)
            kind = "user" if user is not None and user.is_authenticated else "guest"
        moment = clock.now()
        recorder.record(
            moment=moment,
            day=clock.local_day(moment),
            kind=kind,
            visitor=request.visitor_id,
            new_cookie=new_cookie,
            track=tracked,
            page_view=tracked and _is_page_view(request, response),
            objects=specs,
        )
