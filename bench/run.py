"""`make bench`: the portal under load, as ratios to two baselines measured in the same run.

Seeds volume by SQL in a few seconds (bench.volume; BENCH_ARTICLES, BENCH_DOCUMENTS; default
100,000 and 10,000) into its own database (BENCH_PAGES_DATABASE, default portal_bench), starts
gunicorn and a Celery worker on a free loopback port, then:

- warm: once the worker is ready and every page has been loaded for a second, loads each page
  with wrk (Debian's package; installed on demand when root) for BENCH_SECONDS (default 5)
  with BENCH_CONNECTIONS (default 20) connections on 2 threads, in BENCH_ROUNDS (default 3)
  interleaved rounds, and prints the median requests/s, p50 and p99 next to a bare Django
  view and a static file, with ratios;
- cold: empties the bench's Redis keys and asks for 200 URLs that no cache holds, one at a
  time (bench.cold), and prints p50/p95/p99 per kind of page.

Bare times on a shared machine are noise; the ratios are the result. The whole run stays
within a few minutes.
"""

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from devtools.embedded import ensure_database

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = BASE_DIR / "bench" / "results"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_wrk():
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    return shutil.which("wrk")


def use_bench_database():
    """Bench data goes to its own database (portal_bench), never into the demo one."""
    from urllib.parse import urlsplit, urlunsplit

    name = os.environ.get("BENCH_PAGES_DATABASE", "portal_bench")
    url = urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}"))
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    # Its own Redis prefix and Celery queue: a bench never reads another database's cache.
    os.environ["REDIS_KEY_PREFIX"] = name.replace("_", "-")


def django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def seed(articles, documents):
    from django.core.management import call_command

    from bench.volume import generate_articles, generate_documents
    from documents.models import Document
    from news.models import Article

    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", if_empty=True)
    began = time.monotonic()
    made = generate_articles(max(0, articles - Article.objects.count()))
    made += generate_documents(max(0, documents - Document.objects.count()))
    if made:
        print(f"generated {made:,} rows in {time.monotonic() - began:.1f} s")
    call_command("collectstatic", interactive=False, verbosity=0)


def pick_urls():
    from django.templatetags.static import static

    from documents.models import Document
    from news.models import Article, Category

    article = Article.objects.published().order_by("-published_at").first()
    category = Category.objects.filter(articles__isnull=False).distinct().first()
    document = Document.objects.published().public().newest().first()
    return [
        ("bare Django view (baseline)", "/_bench/bare"),
        ("static file (baseline)", static("css/site.css")),
        ("home", "/"),
        ("article", article.get_absolute_url()),
        ("category", category.get_absolute_url()),
        ("/tin-tuc/", "/tin-tuc/"),
        ("documents list", "/van-ban/"),
        ("document page", document.get_absolute_url()),
        ("search", "/tim-kiem/?q=tuyen+giao"),
    ]


def wait_for_port(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def load(wrk, url, seconds, connections):
    out = subprocess.run(
        [wrk, "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def wait_for_worker(timeout=60):
    """A worker still starting takes a core from the pages measured first."""
    from portal.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1):
            return
    raise SystemExit("the Celery worker did not start")


def database_transactions():
    """Transactions the bench's database has run so far (PostgreSQL's statistics)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:  # one transaction: the -1 below
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database "
            "WHERE datname = current_database()"
        )
        (count,) = cursor.fetchone()
    connection.close()
    return count


def measure_warm(wrk, base, urls, seconds, connections, rounds):
    """Median of interleaved rounds: a burst of noise on a shared machine hits one page once.

    Also the database transactions per 1,000 requests: a page served from the cache has none.
    """
    for _, path in urls:  # caches, connections and both gunicorn workers warm
        load(wrk, base + path, 1, connections)
    runs = {path: [] for _, path in urls}
    transactions = dict.fromkeys(runs, 0)
    for _ in range(rounds):
        for _, path in urls:
            before = database_transactions()
            runs[path].append(load(wrk, base + path, seconds, connections))
            time.sleep(1)  # PostgreSQL publishes a backend's statistics within a second
            transactions[path] += database_transactions() - before - 1
    rows = []
    for name, path in urls:
        rps, p50, p99, errors = zip(*runs[path], strict=True)
        median = statistics.median
        per_thousand = 1000 * transactions[path] / (sum(rps) * seconds)
        rows.append((name, median(rps), median(p50), median(p99), sum(errors), per_thousand))
    return rows


def main():
    from bench import cold
    from devtools.launcher import EmbeddedServices, secret_key

    articles = int(os.environ.get("BENCH_ARTICLES", 100_000))
    documents = int(os.environ.get("BENCH_DOCUMENTS", 10_000))
    seconds = int(os.environ.get("BENCH_SECONDS", 5))
    connections = int(os.environ.get("BENCH_CONNECTIONS", 20))
    rounds = int(os.environ.get("BENCH_ROUNDS", 3))
    wrk = ensure_wrk()
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", secret_key())
    os.environ["BENCH_BASELINE"] = "1"

    with EmbeddedServices():
        use_bench_database()
        django_setup()
        seed(articles, documents)
        urls = pick_urls()
        cold_urls = cold.cold_urls()
        from django.db import connections as db_connections

        db_connections.close_all()
        port = free_port()
        env = dict(os.environ)
        procs = [
            subprocess.Popen(
                [str(BIN / "gunicorn"), "portal.wsgi", "-b", f"127.0.0.1:{port}"]
                + ["--workers", "2", "--threads", "2", "--log-level", "warning"]
                # As deployed (deploy/gunicorn.conf.py): wrk's 20 kept-alive connections would
                # otherwise land on one worker in some runs and halve any page's figure.
                + ["--keep-alive", "0"],
                cwd=BASE_DIR,
                env=env,
                start_new_session=True,
            ),
            subprocess.Popen(
                [str(BIN / "python"), "-m", "celery", "-A", "portal", "worker", "-l", "WARNING"],
                cwd=BASE_DIR,
                env=env,
                start_new_session=True,
            ),
        ]
        try:
            wait_for_port(port)
            wait_for_worker()
            base = f"http://127.0.0.1:{port}"
            for _, path in urls:  # every page answers before it is measured
                urllib.request.urlopen(base + path).read()
            rows = measure_warm(wrk, base, urls, seconds, connections, rounds)
            cold.flush_caches()
            # The gunicorn workers' per-process memos (5 s) expire before the cold run.
            time.sleep(6)
            cold_timings, cold_errors = cold.measure(base, cold_urls)
        finally:
            for proc in procs:
                os.killpg(proc.pid, signal.SIGTERM)
            for proc in procs:
                proc.wait(15)

    bare_rps = rows[0][1]
    static_rps = rows[1][1]
    lines = [
        f"{articles:,} articles, {documents:,} documents; wrk {connections} connections, "
        f"median of {rounds} rounds of {seconds} s per page, gunicorn 2 workers x 2 threads",
        f"{'page':30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8} "
        f"{'vs static':>9} {'errors':>7} {'db/1k req':>9}",
    ]
    for name, rps, p50, p99, errors, transactions in rows:
        lines.append(
            f"{name:30} {rps:9.1f} {p50:8.1f} {p99:8.1f} {rps / bare_rps:8.2f} "
            f"{rps / static_rps:9.2f} {errors:7d} {transactions:9.1f}"
        )
    lines += ["", *cold.report(cold_timings, cold_errors)]
    report = "\n".join(lines)
    print(report)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / time.strftime("%Y%m%d-%H%M%S.txt")).write_text(report + "\n")


if __name__ == "__main__":
    main()
