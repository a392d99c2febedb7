"""The recording API other apps call; the stats app buffers counts in Redis.

news and documents call these and never touch Redis themselves:

- ``record_view(obj, request)`` in an article or document detail view;
- ``record_download(document, request)`` in the download view.

Inside a request that went through ``stats.middleware.VisitMiddleware`` the call only
notes the object on the request, and the middleware sends everything in the request's
single Redis round trip after the response. Called elsewhere (a shell, a task), it
records at once.

A page whose whole response may come from a cache (``cache_page``, cache middleware,
a cached view) does not run the view code on a hit, so it also marks the response:
``mark_view(response, obj)`` (or ``mark_download``) sets the header
``X-Count-View: <app_label.model>:<pk>`` (``X-Count-Download`` for downloads), which
is stored with the cached response; VisitMiddleware, which sits outside every cache
middleware, reads it on every hit and miss, records the object and strips the header.
Several objects: comma-separated. Marking and calling record_view in the same request
counts once. The rules (once per visitor per object per STATS_DEDUP_SECONDS, bots
never) are the same either way.
"""

import logging

from stats import bots, clock, recorder, visitors

log = logging.getLogger("stats")

VIEW_HEADER = "X-Count-View"
DOWNLOAD_HEADER = "X-Count-Download"


def object_label(obj):
    """'news.article:12' for an instance."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def _spec(kind, label):
    # Redis field fragments use "|" between parts: "v|news.article|12".
    model, _, pk = label.partition(":")
    return f"{kind}|{model}|{pk}"


def _note(request, kind, obj):
    if obj is None or obj.pk is None:
        return
    spec = _spec(kind, object_label(obj))
    pending = getattr(request, "_stats_objects", None)
    if pending is not None:
        pending.append(spec)
        return
    try:
        record_now(request, [spec])
    except Exception:  # counting must never break the page
        log.exception("stats: could not record %s", spec)


def record_now(request, specs):
    """Record object specs for this request at once (outside VisitMiddleware)."""
    if bots.is_bot(request):
        return None
    moment = clock.now()
    user = getattr(request, "user", None)
    kind = "user" if user is not None and user.is_authenticated else "guest"
    return recorder.record(
        moment=moment,
        day=clock.local_day(moment),
        kind=kind,
        visitor=visitors.visitor_id(request),
        address=visitors.address_key(request),
        objects=specs,
    )


def record_view(obj, request):
    """Count a view of ``obj`` (an article or a document) by this request's visitor."""
    _note(request, "v", obj)


def record_download(document, request):
    """Count a download of ``document`` by this request's visitor."""
    _note(request, "d", document)


def _mark(response, header, obj):
    label = object_label(obj)
    current = response.get(header)
    response[header] = f"{current},{label}" if current else label
    return response


def mark_view(response, obj):
    """Have VisitMiddleware count a view of ``obj`` even when ``response`` is served cached."""
    return _mark(response, VIEW_HEADER, obj)


def mark_download(response, document):
    return _mark(response, DOWNLOAD_HEADER, document)


def specs_from_header(value, kind):
    """Parse 'news.article:12,documents.document:3' into specs; junk is ignored."""
    specs = []
    for item in (value or "").split(","):
        model, sep, pk = item.strip().partition(":")
        if sep and "." in model and pk and "|" not in item and len(item) < 200:
            specs.append(f"{kind}|{model.lower()}|{pk}")
    return specs
