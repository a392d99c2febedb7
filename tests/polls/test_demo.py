import io

import pytest
from django.core.management import call_command

from polls import services
from polls.models import Choice, Poll, Vote

pytestmark = pytest.mark.django_db


def test_demo_seeds_two_active_polls_with_votes_and_is_idempotent():
    from polls import demo

    demo.seed(io.StringIO())
    counts = (Poll.objects.count(), Choice.objects.count(), Vote.objects.count())
    demo.seed(io.StringIO())
    assert (Poll.objects.count(), Choice.objects.count(), Vote.objects.count()) == counts
    polls = list(Poll.objects.open_now())
    assert len(polls) == 2
    assert {p.kind for p in polls} == {"single", "multiple"}
    for poll in polls:
        results = services.compute_results(poll.pk)
        assert results.voters > 0
        assert sum(c.percent for c in results.choices) == 100
        if poll.is_multiple:
            assert all(v.choices.count() <= poll.max_choices for v in poll.votes.all())


def test_seed_demo_command_includes_the_polls():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "[polls]" in out.getvalue()
    assert Poll.objects.filter(question__startswith="Bạn thường truy cập").exists()
