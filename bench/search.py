"""Cold search in process: the site search and the documents list's ``?q=`` at bench volume.

    DATABASE_URL=… REDIS_URL=… .venv/bin/python -m bench.search [rounds]

Generates the volume once into its own database (bench.run.use_bench_database; BENCH_ARTICLES,
BENCH_DOCUMENTS, default 100,000 and 10,000), then asks for each of QUERIES once per round
through Django's test client as an anonymous reader, with the bench's Redis keys and the
process's memos emptied before every request, so each one pays the database like the first
reader of that search. Prints p50/p95 per page and, per request, the milliseconds spent in
SQL and the number of queries: what is left is Python (snippets, template).

With BENCH_SEARCH_URL (a gunicorn serving the same database and Redis prefix), the requests
go to it over HTTP instead, the Redis keys still emptied before each (no SQL figures then).
Several URLs, comma-separated (say, the code before and after a change, each on its own
port): each request goes to every one in turn, so the load of a shared machine falls on
them alike, and each gets its own figures.
"""

import os
import statistics
import sys
import time
from urllib.parse import urlencode

# Typed without accents, as most readers do: common words (a third of the archive), pairs
# and phrases of common words, rare words, a code, words in no article (title fallback).
QUERIES = [
    "hoi nghi",
    "dang bo",
    "tuyen giao",
    "kinh te",
    "van hoa",
    "nhan dan",
    "dang vien",
    "chuyen doi so",
    "hoi nghi tong ket",
    "xay dung dang",
    "nong thon moi",
    "cai cach hanh chinh",
    "phong chong thien tai",
    "bien dao bien gioi",
    "tham nhung lang phi",
    "bao cao vien",
    "bai so 4242",
    "cv.1234.bench",
    "thanh nien khoi nghiep",
    "tuyen gia",
]


class SqlTimer:
    """connection.execute_wrapper: milliseconds and number of the queries run."""

    def __init__(self):
        self.ms, self.count = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.ms += (time.perf_counter() - began) * 1000
            self.count += 1


class HttpClient:
    def __init__(self, base):
        self.base = base

    def get(self, path):
        import urllib.request

        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            response.read()
            response.status_code = response.status
            return response


def main(rounds=1):
    from bench.run import django_setup, seed, use_bench_database
    from devtools.launcher import secret_key

    os.environ.setdefault("BENCH_PAGES_DATABASE", "portal_bench")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", secret_key())
    use_bench_database()
    django_setup()
    from django.db import connection
    from django.test import Client

    from bench.cold import flush_caches, percentile

    seed(
        int(os.environ.get("BENCH_ARTICLES", 100_000)),
        int(os.environ.get("BENCH_DOCUMENTS", 10_000)),
    )
    bases = [b for b in os.environ.get("BENCH_SEARCH_URL", "").split(",") if b]
    clients = {base: HttpClient(base) for base in bases} or {"": Client(HTTP_HOST="127.0.0.1")}
    for client in clients.values():
        client.get("/")  # imports, template loading, the first connection
    pages = {"site search": "/tim-kiem/", "documents ?q=": "/van-ban/"}
    results = {(name, base): [] for name in pages for base in clients}
    for _ in range(rounds):
        for query in QUERIES:
            for name, path in pages.items():
                for base, client in clients.items():
                    flush_caches()
                    timer = SqlTimer()
                    with connection.execute_wrapper(timer):
                        began = time.perf_counter()
                        response = client.get(f"{path}?{urlencode({'q': query})}")
                        elapsed = (time.perf_counter() - began) * 1000
                    assert response.status_code == 200, (path, query, response.status_code)
                    results[name, base].append((elapsed, timer.ms, timer.count, query))
    for (name, base), rows in results.items():
        print(f"\n{name} {base}: {len(rows)} cold requests")
        print(f"{'query':26} {'total ms':>9} {'sql ms':>7} {'queries':>8}")
        for elapsed, sql_ms, count, query in rows[: len(QUERIES)]:
            print(f"{query:26} {elapsed:9.1f} {sql_ms:7.1f} {count:8d}")
        totals = [row[0] for row in rows]
        sqls = [row[1] for row in rows]
        print(
            f"p50 {statistics.median(totals):.1f} ms, p95 {percentile(totals, 0.95):.1f} ms, "
            f"max {max(totals):.1f} ms; sql p50 {statistics.median(sqls):.1f} ms, "
            f"p95 {percentile(sqls, 0.95):.1f} ms"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
