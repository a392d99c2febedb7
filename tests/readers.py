"""Browser-like test clients: a real browser's user agent (bots are counted apart), an
address of their own and, when asked, a visitor cookie the portal signed (stats.visitors).
The fixtures `reader` and `new_reader` in tests/conftest.py hand them out."""

import itertools

from django.test import Client

from stats.visitors import sign

CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
# For pytest-django's own `client`: client.get(url, **BROWSER).
BROWSER = {"HTTP_USER_AGENT": CHROME}

_visitors = itertools.count(1)


def make_reader(ip="203.0.113.7", agent=CHROME, vid=None, **extra):
    """vid: None for a first visit (no cookie yet), True for a returning browser with a new
    signed visitor id, or the cookie value to send."""
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=ip, **extra)
    if vid is True:
        vid = sign(f"{next(_visitors):032x}")
    if vid:
        client.cookies["vid"] = vid
    return client
