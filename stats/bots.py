"""Crawler detection, by the maintained crawlerdetect patterns."""

from functools import lru_cache

from crawlerdetect import CrawlerDetect


@lru_cache(maxsize=4096)
def is_bot_user_agent(user_agent):
    # An empty user agent is a script, not a reader.
    # A detector per call: CrawlerDetect keeps per-call state, and gunicorn runs threads.
    return not user_agent or CrawlerDetect(user_agent=user_agent).isCrawler()


def is_bot(request):
    """True for crawlers and scripts: they are counted apart and never vote or rate."""
    cached = getattr(request, "is_bot", None)
    if cached is not None:
        return cached
    return is_bot_user_agent(request.META.get("HTTP_USER_AGENT", "")[:512])
