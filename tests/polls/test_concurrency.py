"""Simultaneous votes, each thread with its own database connection, through the real view."""

import threading

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from polls import services
from polls.models import Vote, VoteChoice
from tests.readers import make_reader

from .factories import PollFactory

THREADS = 50


def vote_together(clients, url, data):
    barrier = threading.Barrier(len(clients))
    statuses, errors = [], []

    def run(client):
        try:
            barrier.wait()
            statuses.append(client.post(url, data).status_code)
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return statuses


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_voters_give_exactly_fifty_votes():
    poll = PollFactory()
    choice = poll.choices.first()
    # Ten offices behind NAT, five readers each: all within the per-IP allowance.
    clients = [make_reader(vid=True, ip=f"192.0.2.{n % 10}") for n in range(THREADS)]
    statuses = vote_together(clients, reverse("polls:vote", args=[poll.pk]), {"choice": choice.pk})
    assert statuses == [302] * THREADS
    assert Vote.objects.filter(poll=poll).count() == THREADS
    assert VoteChoice.objects.filter(choice=choice).count() == THREADS
    results = services.get_results(poll.pk)
    assert results.voters == THREADS
    assert [c.percent for c in results.choices] == [100, 0, 0]


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_votes_from_one_reader_give_exactly_one():
    poll = PollFactory()
    one = make_reader(vid=True)
    clients = [make_reader(vid=True) for _ in range(THREADS)]
    for client in clients:
        client.cookies["vid"] = one.cookies["vid"].value
    statuses = vote_together(
        clients, reverse("polls:vote", args=[poll.pk]), {"choice": poll.choices.last().pk}
    )
    assert Vote.objects.filter(poll=poll).count() == 1
    assert sorted(statuses) == [302] * THREADS  # one success, 49 "already voted" redirects
    assert services.get_results(poll.pk).voters == 1


@pytest.mark.django_db(transaction=True)
@override_settings(POLL_VOTES_PER_IP_PER_HOUR=20)
def test_simultaneous_votes_from_one_address_stop_exactly_at_the_ip_limit():
    poll = PollFactory()
    clients = [make_reader(vid=True, ip="192.0.2.200") for _ in range(30)]
    statuses = vote_together(
        clients, reverse("polls:vote", args=[poll.pk]), {"choice": poll.choices.first().pk}
    )
    assert statuses.count(302) == 20 and statuses.count(429) == 10
    assert Vote.objects.filter(poll=poll).count() == 20
