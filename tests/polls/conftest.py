import itertools

import pytest
from django.test import Client

from stats.visitors import sign

BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
_ids = itertools.count(1)


def make_reader(ip="203.0.113.10", **extra):
    """A browser-like client with its own visitor cookie."""
    client = Client(**{"HTTP_USER_AGENT": BROWSER_UA, "REMOTE_ADDR": ip, **extra})
    client.cookies["vid"] = sign(f"{next(_ids):032x}")
    return client


@pytest.fixture
def reader():
    return make_reader()


@pytest.fixture
def new_reader():
    return make_reader
