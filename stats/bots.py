"""Crawler detection, by the maintained crawlerdetect patterns."""

from functools import lru_cache

from crawlerdetect import CrawlerDetect

# One detector for the process: its patterns are compiled once by the library, and its only
# per-call state (the last match) is never read here, so threads may share it.
_DETECTOR = CrawlerDetect()


@lru_cache(maxsize=4096)
def is_bot_user_agent(user_agent):
    # An empty user agent is a script, not a reader.
    return not user_agent or _DETECTOR.is_crawler(user_agent)


def is_bot(request):
    """True for crawlers and scripts: they are counted apart and never vote or rate."""
    cached = getattr(request, "is_bot", None)
    if cached is not None:
        return cached
    return is_bot_user_agent(request.META.get("HTTP_USER_AGENT", "")[:512])
