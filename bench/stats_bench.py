"""Counting benchmark: `python -m bench.stats_bench` (not a timed test; prints figures).

(a) the added cost of stats.middleware.VisitMiddleware per request: the same trivial view
    through the full middleware stack with and without it (in-process, alternating rounds);
(b) a flush of 1,000,000 pending increments over 50,000 articles: seconds and SQL statements;
(c) 20,000 requests from 2,000 visitor cookies through gunicorn on a free loopback port
    (threads with http.client), then a flush, then a check that every counter (each article's
    view_count, the day's visits, page views and views) equals what was sent.

It runs against the dev PostgreSQL and Redis servers but in its own database (BENCH_DATABASE,
default "bench_stats", created and migrated on first use) and under its own Redis key prefix
("bench-stats"), whose keys it deletes at the start and the end (never FLUSHDB).
Bounded: BENCH_REQUESTS (20000), BENCH_VISITORS (2000), BENCH_THREADS (8).
"""

import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from http.client import HTTPConnection
from pathlib import Path
from statistics import median

from devtools.embedded import ensure_database

BASE_DIR = Path(__file__).resolve().parent.parent
PREFIX = "bench-stats"
DATABASE = os.environ.get("BENCH_DATABASE", "bench_stats")
PG_PORT = int(os.environ.get("EMBEDDED_POSTGRES_PORT", 54329))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:{PG_PORT}/{DATABASE}"
)
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PAGE = b"<!doctype html><html lang=vi><title>bench</title><p>Trang thu.</p></html>"


def _environment():
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["REDIS_KEY_PREFIX"] = PREFIX
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 30)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")


# --- the bench's own URLs (gunicorn loads this module as its WSGI app) -------------------


def plain_view(request):
    from django.http import HttpResponse

    return HttpResponse(PAGE)


def counted_view(request, pk):
    from django.http import HttpResponse

    from news.models import Article
    from stats.counters import record_view

    record_view(Article(pk=pk), request)  # the API needs only the model and the pk
    return HttpResponse(PAGE)


def _urlpatterns():
    from django.urls import path

    return [path("b/trang/", plain_view), path("b/xem/<int:pk>/", counted_view)]


urlpatterns = []
_app = None


def application(environ, start_response):
    """WSGI entry for gunicorn: the portal's settings and middleware, the bench's URLs."""
    global _app
    if _app is None:
        _environment()
        import django
        from django.conf import settings

        django.setup()
        urlpatterns[:] = _urlpatterns()
        settings.ROOT_URLCONF = __name__
        from django.core.wsgi import get_wsgi_application

        _app = get_wsgi_application()
    return _app(environ, start_response)


# --- setup -------------------------------------------------------------------------------


def _setup():
    _environment()
    ensure_database(DATABASE_URL)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    urlpatterns[:] = _urlpatterns()
    settings.ROOT_URLCONF = __name__
    print(f"[bench] database {DATABASE}: migrating …", flush=True)
    call_command("migrate", verbosity=0, interactive=False)


def _delete_bench_keys():
    from core import redis as portal_redis

    client = portal_redis.get_client()
    batch = []
    for key in client.scan_iter(match=f"{PREFIX}:*", count=1000):
        batch.append(key)
        if len(batch) >= 1000:
            client.delete(*batch)
            batch = []
    if batch:
        client.delete(*batch)


def _reset_counts():
    from news.models import Article
    from stats.models import AppliedBatch, DailyObjectCount, DailyStats

    DailyStats.objects.all().delete()
    DailyObjectCount.objects.all().delete()
    AppliedBatch.objects.all().delete()
    Article.objects.update(view_count=0)


def _ensure_articles(count):
    from news import demo as news_demo
    from news.models import Article

    have = Article.objects.count()
    if have < count:
        print(f"[bench] creating {count - have} articles …", flush=True)
        news_demo.bulk_articles(count - have)
    return list(Article.objects.order_by("pk").values_list("pk", flat=True)[:count])


# --- (a) middleware cost -----------------------------------------------------------------


def bench_middleware(rounds=5, per_round=1500):
    from django.conf import settings
    from django.test import Client, override_settings

    with_stack = list(settings.MIDDLEWARE)
    without_stack = [m for m in with_stack if m != "stats.middleware.VisitMiddleware"]
    cookies = [secrets.token_hex(16) for _ in range(2000)]
    clients = {}
    for name, stack in (("with", with_stack), ("without", without_stack)):
        with override_settings(MIDDLEWARE=stack):
            client = Client(HTTP_USER_AGENT=FIREFOX, HTTP_HOST="127.0.0.1")
            client.get("/b/trang/")  # loads this middleware chain for good
            clients[name] = client
    timings = {"with": [], "without": []}
    for _ in range(rounds):
        for name in ("without", "with"):
            client = clients[name]
            began = time.perf_counter()
            for n in range(per_round):
                client.get("/b/trang/", HTTP_COOKIE=f"vid={cookies[n % len(cookies)]}")
            timings[name].append((time.perf_counter() - began) / per_round)
    without, with_ = median(timings["without"]), median(timings["with"])
    return {
        "without_ms": without * 1000,
        "with_ms": with_ * 1000,
        "added_ms": (with_ - without) * 1000,
        "ratio": with_ / without,
    }


# --- (b) flush of 1,000,000 increments ---------------------------------------------------


def bench_flush(pks, increments=1_000_000):
    from django.db.models import Sum

    from core import redis as portal_redis
    from news.models import Article
    from stats import clock, flush

    _delete_bench_keys()
    _reset_counts()
    rng = random.Random(6)
    counts = defaultdict(int)
    for pk in rng.choices(pks, k=increments):
        counts[pk] += 1
    day = clock.local_day().isoformat()
    client = portal_redis.get_client()
    pipe = client.pipeline(transaction=False)
    key = flush.pending_key()
    for n, (pk, value) in enumerate(counts.items()):
        # The state 1,000,000 single HINCRBYs by requests would leave.
        pipe.hincrby(key, f"o|{day}|news.article|{pk}|v", value)
        if n % 5000 == 4999:
            pipe.execute()
    pipe.execute()
    summary = flush.flush()
    total = Article.objects.aggregate(total=Sum("view_count"))["total"]
    assert total == increments, (total, increments)
    assert summary["fields"] == len(counts)
    return {
        "objects": len(counts),
        "seconds": summary["seconds"],
        "statements": summary["statements"],
        "check": total == increments,
    }


# --- (c) load through gunicorn -----------------------------------------------------------


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_gunicorn(port):
    env = dict(os.environ)
    log = open(BASE_DIR / "var" / "stats-bench-gunicorn.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "bench.stats_bench:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/b/trang/", headers={"User-Agent": FIREFOX, "Cookie": "vid=0"})
            conn.getresponse().read()
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not start; see var/stats-bench-gunicorn.log")


def bench_load(pks, requests=20_000, visitors=2_000, threads=8):
    from news.models import Article
    from stats import clock, flush
    from stats.models import DailyStats

    _delete_bench_keys()
    _reset_counts()
    rng = random.Random(20)
    cookies = [secrets.token_hex(16) for _ in range(visitors)]
    targets = pks[:500]
    plan = [(rng.choice(cookies), rng.choice(targets)) for _ in range(requests)]
    expected_views = defaultdict(set)
    for cookie, pk in plan:
        expected_views[pk].add(cookie)
    port = _free_port()
    process = _start_gunicorn(port)
    _delete_bench_keys()  # the start-up probe must not count
    errors = []

    def worker(part):
        conn = HTTPConnection("127.0.0.1", port, timeout=30)
        for cookie, pk in part:
            try:
                conn.request(
                    "GET",
                    f"/b/xem/{pk}/",
                    headers={"User-Agent": FIREFOX, "Cookie": f"vid={cookie}"},
                )
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(response.status)
            except OSError as exc:
                errors.append(repr(exc))
                conn = HTTPConnection("127.0.0.1", port, timeout=30)

    parts = [plan[n::threads] for n in range(threads)]
    began = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(part,)) for part in parts]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - began
    os.killpg(process.pid, 15)
    process.wait(timeout=30)
    summary = flush.flush()
    views = dict(Article.objects.filter(pk__in=targets).values_list("pk", "view_count"))
    wrong = {pk: (views[pk], len(expected_views.get(pk, ()))) for pk in targets}
    wrong = {pk: pair for pk, pair in wrong.items() if pair[0] != pair[1]}
    day = DailyStats.objects.get(day=clock.local_day())
    used = {cookie for cookie, _ in plan}
    checks = {
        "errors": len(errors),
        "articles_wrong": len(wrong),
        "visits": (day.visits, len(used)),
        "page_views": (day.page_views, requests),
        "views": (day.views, sum(len(v) for v in expected_views.values())),
    }
    ok = (
        not errors
        and not wrong
        and all(a == b for a, b in (checks["visits"], checks["page_views"], checks["views"]))
    )
    return {
        "requests": requests,
        "seconds": elapsed,
        "rps": requests / elapsed,
        "flush_seconds": summary["seconds"],
        "checks": checks,
        "ok": ok,
    }


def main():
    _setup()
    try:
        _delete_bench_keys()
        pks = _ensure_articles(50_000)
        print("[bench] (a) middleware cost …", flush=True)
        a = bench_middleware()
        print(
            f"(a) VisitMiddleware: {a['without_ms']:.3f} ms/request without, "
            f"{a['with_ms']:.3f} ms with: +{a['added_ms']:.3f} ms, ratio {a['ratio']:.2f}",
            flush=True,
        )
        print("[bench] (b) flush of 1,000,000 increments …", flush=True)
        b = bench_flush(pks)
        print(
            f"(b) flush: 1,000,000 increments over {b['objects']} articles in "
            f"{b['seconds']:.2f} s, {b['statements']} SQL statements, sum checked: {b['check']}",
            flush=True,
        )
        requests = int(os.environ.get("BENCH_REQUESTS", 20_000))
        visitors = int(os.environ.get("BENCH_VISITORS", 2_000))
        threads = int(os.environ.get("BENCH_THREADS", 8))
        print(f"[bench] (c) {requests} requests through gunicorn …", flush=True)
        c = bench_load(pks, requests, visitors, threads)
        print(
            f"(c) gunicorn: {c['requests']} requests from {visitors} cookies in "
            f"{c['seconds']:.1f} s ({c['rps']:.0f} req/s), flush {c['flush_seconds']:.2f} s; "
            f"checks {c['checks']}; every counter equals what was sent: {c['ok']}",
            flush=True,
        )
        return 0 if (b["check"] and c["ok"]) else 1
    finally:
        _delete_bench_keys()


if __name__ == "__main__":
    sys.exit(main())
