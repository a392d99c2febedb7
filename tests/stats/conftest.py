import datetime

import pytest
from django.test import Client

from stats import clock
from stats.services import clear_block_cache
from tests.readers import FIREFOX, make_reader


@pytest.fixture(autouse=True)
def fresh_block_cache():
    clear_block_cache()
    yield
    clear_block_cache()


class TravelClock:
    """A settable "now" for stats.clock (Redis windows compare against it)."""

    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment

    def set_local(self, *args):
        self.moment = datetime.datetime(*args, tzinfo=clock.zone())
        return self.moment

    def advance(self, **delta):
        self.moment += datetime.timedelta(**delta)
        return self.moment


@pytest.fixture
def travel(monkeypatch):
    fake = TravelClock(datetime.datetime(2026, 3, 11, 9, 0, tzinfo=clock.zone()))
    monkeypatch.setattr(clock, "now", fake)
    return fake


@pytest.fixture
def browser():
    """A browser-like client that keeps the cookies it is given."""
    return make_reader()


@pytest.fixture
def cookieless():
    """A browser that never sends cookies back (cookies disabled, or a script)."""

    class Curl(Client):
        def request(self, **request):
            self.cookies.clear()
            return super().request(**request)

    return Curl(HTTP_USER_AGENT=FIREFOX, REMOTE_ADDR="198.51.100.20")


@pytest.fixture
def counted_object(db, django_user_model):
    """Some model instance to count views of (the recording API takes any instance)."""
    return django_user_model.objects.create(username="doc-gia")
