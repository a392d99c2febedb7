"""The cold half of `make bench`: 200 requests, each to a URL that no cache holds, one at a
time through gunicorn, so each one pays the database like a reader's first visit.

The caches of the bench's Redis prefix are emptied first; every URL is asked for once
(pages 2..n of the lists, deep pages, 20 different searches) and the stored pages are dropped
before each request, so the page cache never answers: deep pages past the last numbered one
show that page (core.pagination) and would otherwise be hits. The blocks every render repeats
(menus, right column) warm up as a reader's first visits would warm them.
"""

import statistics
import time
import urllib.error
import urllib.request

SEARCHES = [
    "kinh tế",  # common words: each in about a third of the archive (bench.volume)
    "văn hóa",
    "giáo dục",
    "nhân dân",
    "chuyển đổi số",
    "hội nghị tổng kết",
    "tuyen giao",  # typed without accents
    "dang vien",
    "xay dung dang",
    "nong thon moi",
    "phòng chống thiên tai",
    "cải cách hành chính",
    "bài số 4242",
    "di tích lễ hội",
    "an sinh giảm nghèo",
    "biển đảo biên giới",
    "thanh niên khởi nghiệp",
    "y te co so",
    "báo cáo viên",
    "tham nhũng lãng phí",
]


def flush_caches():
    """Empty the bench's own Redis keys (its prefix), never another database's."""
    from django.conf import settings

    from core.redis import get_client

    redis = get_client()
    keys = list(redis.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:*", count=1000))
    for start in range(0, len(keys), 1000):
        redis.delete(*keys[start : start + 1000])
    return len(keys)


def cold_urls():
    """(group, path) pairs: 200 URLs that differ from each other and from the warm run."""
    from urllib.parse import quote_plus

    from django.db.models import Count, Q

    from news.models import Category

    categories = list(
        Category.objects.annotate(n=Count("articles", filter=Q(articles__status="published")))
        .order_by("-n")
        .values_list("slug", flat=True)[:2]
    )
    urls = [("/tin-tuc/ pages 2-81", f"/tin-tuc/?page={n}") for n in range(2, 82)]
    for slug in categories:
        urls += [("category pages 2-21", f"/tin-tuc/{slug}/?page={n}") for n in range(2, 22)]
    urls += [("/van-ban/ pages 2-21", f"/van-ban/?page={n}") for n in range(2, 22)]
    deep = [(f"/tin-tuc/?page={n}") for n in range(500, 8001, 500)]  # 16
    for slug in categories:
        deep += [f"/tin-tuc/{slug}/?page={n}" for n in (150, 300, 600, 900, 1200, 1500, 1800)]
    deep += [f"/van-ban/?page={n}" for n in (100, 200, 300, 400)]
    deep += ["/tin-tuc/?page=200", "/tin-tuc/?page=201", "/van-ban/?page=500"]
    deep += [f"/tin-tuc/{categories[0]}/?page=201"]
    deep += ["/tin-tuc/?page=99999", "/van-ban/?page=99999"]
    urls += [("deep pages", path) for path in deep]
    urls += [("search (20 queries)", f"/tim-kiem/?q={quote_plus(q)}") for q in SEARCHES]
    return urls


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(base, urls):
    """{group: [milliseconds]} plus "all"; a request that fails counts as an error."""
    from portal.pagecache import forget_pages

    timings, errors = {}, 0
    for group, path in urls:
        forget_pages()
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            errors += exc.code >= 500
        elapsed = (time.perf_counter() - began) * 1000
        timings.setdefault(group, []).append(elapsed)
    timings["all cold requests"] = [value for values in timings.values() for value in values]
    return timings, errors


def report(timings, errors):
    lines = [f"{'cold (every cache missed)':30} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"]
    for group, values in timings.items():
        lines.append(
            f"{group:30} {len(values):5d} {statistics.median(values):8.1f} "
            f"{percentile(values, 0.95):8.1f} {percentile(values, 0.99):8.1f}"
        )
    lines.append(f"server errors during the cold run: {errors}")
    return lines
