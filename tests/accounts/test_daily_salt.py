"""Address hashes that only serve same-day limits are keyed with a salt that changes daily."""

import datetime

import pytest
import time_machine
from django.test import RequestFactory, override_settings
from django.utils import timezone

from accounts.audit import address_hash
from polls.services import VoteRejected, cast_vote
from stats.visitors import address_key, ip_hash
from tests.polls.factories import PollFactory
from tests.polls.test_services import ids, vote_request

pytestmark = pytest.mark.django_db


def request_from(ip):
    return RequestFactory().get("/", REMOTE_ADDR=ip)


def test_an_address_hash_is_stable_within_a_day_and_differs_the_next_day():
    morning = timezone.make_aware(datetime.datetime(2026, 3, 2, 7, 0))
    with time_machine.travel(morning, tick=False):
        first = ip_hash(request_from("203.0.113.5"))
        audit = address_hash(request_from("203.0.113.5"))
        assert first != ip_hash(request_from("203.0.113.6"))
    with time_machine.travel(morning + datetime.timedelta(hours=15), tick=False):
        assert ip_hash(request_from("203.0.113.5")) == first
    with time_machine.travel(morning + datetime.timedelta(days=1), tick=False):
        next_day = ip_hash(request_from("203.0.113.5"))
        assert next_day != first
        assert address_key(request_from("203.0.113.5")) == next_day[:24]
        # The editorial log's "from where" stays comparable over time.
        assert address_hash(request_from("203.0.113.5")) == audit


@override_settings(POLL_VOTES_PER_IP_PER_HOUR=2)
def test_the_same_day_ip_limit_of_polls_still_holds_with_the_daily_salt():
    poll = PollFactory()
    # Tomorrow morning, local time: the poll is open and the day is not about to end.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    noon = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(9)))
    with time_machine.travel(noon, tick=False):
        cast_vote(poll, ids(poll, 0), vote_request(voter=1, ip="192.0.2.50"))
    with time_machine.travel(noon + datetime.timedelta(minutes=20), tick=False):
        cast_vote(poll, ids(poll, 0), vote_request(voter=2, ip="192.0.2.50"))
        with pytest.raises(VoteRejected) as rejected:
            cast_vote(poll, ids(poll, 0), vote_request(voter=3, ip="192.0.2.50"))
    assert rejected.value.code == "ip_limit"
