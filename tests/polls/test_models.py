import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError
from django.utils import timezone

from polls.models import Choice, Poll, Vote

from .factories import PollFactory, VoteFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_a_second_vote_from_the_same_voter_key():
    poll = PollFactory()
    VoteFactory(poll=poll, voter_key="a" * 32)
    with pytest.raises(IntegrityError), transaction.atomic():
        VoteFactory(poll=poll, voter_key="a" * 32)
    assert Vote.objects.filter(poll=poll).count() == 1


def test_same_voter_key_may_vote_in_two_different_polls():
    VoteFactory(voter_key="b" * 32)
    VoteFactory(voter_key="b" * 32)
    assert Vote.objects.count() == 2


def test_open_now_excludes_inactive_future_and_closed_polls():
    now = timezone.now()
    open_poll = PollFactory()
    PollFactory(is_active=False)
    PollFactory(opens_at=now + datetime.timedelta(hours=1))
    PollFactory(
        opens_at=now - datetime.timedelta(days=3), closes_at=now - datetime.timedelta(days=1)
    )
    unlimited = PollFactory(closes_at=None)
    assert set(Poll.objects.open_now()) == {open_poll, unlimited}
    assert Poll.objects.active().count() == 4


def test_single_choice_poll_is_cleaned_to_one_choice():
    poll = PollFactory.build(kind=Poll.Kind.SINGLE, max_choices=4)
    poll.full_clean()
    assert poll.max_choices == 1


def test_multiple_choice_poll_needs_a_maximum_of_at_least_two():
    poll = PollFactory.build(kind=Poll.Kind.MULTIPLE, max_choices=1)
    with pytest.raises(ValidationError) as error:
        poll.full_clean()
    assert "max_choices" in error.value.message_dict


def test_poll_must_close_after_it_opens():
    now = timezone.now()
    poll = PollFactory.build(opens_at=now, closes_at=now - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError) as error:
        poll.full_clean()
    assert "closes_at" in error.value.message_dict


@pytest.mark.parametrize(
    ("visibility", "has_voted", "closed", "expected"),
    [
        ("always", False, False, True),
        ("after_vote", False, False, False),
        ("after_vote", True, False, True),
        ("after_close", True, False, False),
        ("after_close", False, True, True),
        ("after_vote", False, True, True),
    ],
)
def test_results_visibility_rules(visibility, has_voted, closed, expected):
    now = timezone.now()
    poll = PollFactory.build(
        results_visibility=visibility,
        opens_at=now - datetime.timedelta(days=2),
        closes_at=now - datetime.timedelta(days=1) if closed else now + datetime.timedelta(days=1),
    )
    assert poll.results_visible(has_voted) is expected


def test_choice_with_votes_cannot_be_deleted_but_the_whole_poll_can():
    poll = PollFactory()
    choice = poll.choices.first()
    VoteFactory(poll=poll, chosen=[choice])
    with pytest.raises(RestrictedError):
        choice.delete()
    poll.delete()
    assert not Choice.objects.exists() and not Vote.objects.exists()


def test_choice_without_votes_can_be_deleted():
    poll = PollFactory()
    poll.choices.last().delete()
    assert poll.choices.count() == 2
