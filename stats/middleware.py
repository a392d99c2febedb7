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
    """Records visits, page views, online sets and counted objects after each response.

    A request whose cookie the portal never signed counts nothing (it gets a new cookie).
    A request without a cookie gets a new visitor id and counts under it, judged by its
    fallback id so that a client that never keeps cookies counts once per window.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state, gate, owed, marks = visitors.NO_COOKIE, "", [], None
        try:
            is_bot = bots.is_bot(request)
            request.is_bot = is_bot
            state, cookie_id, owed, marks = visitors.read_cookie(request)
            if is_bot:
                request.visitor_id = cookie_id or visitors.fallback_visitor_id(request)
            elif state == visitors.VALID:
                request.visitor_id = cookie_id
            elif state == visitors.FORGED:
                request.visitor_id = visitors.fallback_visitor_id(request)
            else:
                request.visitor_id = visitors.new_visitor_id()
                gate = visitors.fallback_visitor_id(request)
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
            if is_bot:
                self._record(request, response, "bot", list(dict.fromkeys(specs)))
            elif state == visitors.FORGED:
                self._set_cookie(request, response, visitors.new_visitor_id())
            elif state == visitors.VALID:
                specs = list(dict.fromkeys(specs))
                moment, _ = self._record(request, response, None, specs, owed=owed, marks=marks)
                if (owed or marks) and moment is not None:  # sent (or spooled): the id alone
                    self._set_cookie(request, response, request.visitor_id)
            else:
                specs = list(dict.fromkeys(specs))
                moment, result = self._record(request, response, None, specs, gate=gate)
                owed, marks = [], None
                if result is not None:
                    sent = result.objects
                    # Not counted now because the fallback id had just counted them: the
                    # browser's next request, with its cookie, counts them under its own id.
                    owed = [s for s, c in zip(sent, result.counted, strict=True) if not c]
                    names = [s for s, c in zip(sent, result.counted, strict=True) if c]
                    names = (["l"] if result.opened else []) + names
                    marks = (int(moment.timestamp()), names) if names else None
                self._set_cookie(request, response, request.visitor_id, owed, marks)
        except Exception:  # counting must never break the page
            log.exception("stats: recording failed")
        return response

    def _set_cookie(self, request, response, visitor, owed=(), marks=None):
        response.set_cookie(
            visitors.COOKIE_NAME,
            visitors.sign(visitor, owed, marks),
            max_age=visitors.COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )

    def _record(self, request, response, kind, specs, owed=(), gate="", marks=None):
        """Record this request; returns (moment, Recorded or None)."""
        tracked = (
            request.method == "GET"
            and (response.status_code < 400 or response.status_code == 404)
            and not request.path.startswith(SKIP_PREFIXES)
        )
        if request.method != "GET" or response.status_code >= 400:
            specs = []  # a HEAD, a form post or an error page is not a view or a download
        if kind == "bot":
            if not tracked:
                return None, None
            specs = []  # bots are counted apart, never as views or downloads
        else:
            user = getattr(request, "user", None)
            kind = "user" if user is not None and user.is_authenticated else "guest"
        # Owed by this browser's first request, which was a view: they count whatever this one is.
        specs = list(dict.fromkeys([*specs, *owed]))
        if not tracked and not specs:
            return None, None
        moment = clock.now()
        return moment, recorder.record(
            moment=moment,
            day=clock.local_day(moment),
            kind=kind,
            visitor=request.visitor_id,
            gate=gate,
            address=visitors.address_key(request),
            marks=marks,
            track=tracked,
            page_view=tracked and _is_page_view(request, response),
            objects=specs,
        )
