import datetime

import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone

from core import redis as portal_redis
from polls import services
from polls.models import Vote
from polls.services import VoteRejected, cast_vote, largest_remainder_percentages
from stats.visitors import sign
from tests.readers import CHROME

from .factories import MultiplePollFactory, PollFactory, VoteFactory

pytestmark = pytest.mark.django_db

BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def vote_request(voter=1, ip="198.51.100.7", agent=CHROME):
    request = RequestFactory().post("/", REMOTE_ADDR=ip, HTTP_USER_AGENT=agent)
    request.COOKIES["vid"] = sign(f"{voter:032x}")
    return request


def ids(poll, *positions):
    choices = list(poll.choices.all())
    return [str(choices[p].pk) for p in positions]


# --- percentages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "counts",
    [
        [1, 1, 1],
        [2, 2, 2, 1],
        [0, 0, 0],
        [7],
        [1, 2],
        [33, 33, 34],
        [1, 1, 1, 1, 1, 1, 1],
        [5, 0, 0],
    ],
)
def test_percentages_always_add_up_to_100(counts):
    percents = largest_remainder_percentages(counts)
    assert len(percents) == len(counts)
    assert sum(percents) == (100 if sum(counts) else 0)
    for count, percent in zip(counts, percents, strict=True):
        assert abs(percent - count * 100 / max(sum(counts), 1)) < 1


def test_largest_remainder_gives_the_missing_point_to_the_largest_fraction():
    # 1/3 each would floor to 33+33+33; the first largest remainder gets the extra point.
    assert largest_remainder_percentages([1, 1, 1]) == [34, 33, 33]
    # 2/7=28.57, 2/7, 3/7=42.86: floors 28+28+42=98; remainders .57 .57 .86 -> 3rd then 1st.
    assert largest_remainder_percentages([2, 2, 3]) == [29, 28, 43]


def test_results_are_counted_by_the_database_and_sum_to_100():
    poll = PollFactory()
    a, b, c = poll.choices.all()
    for chosen in ([a], [a], [b], [c], [c], [c]):
        VoteFactory(poll=poll, chosen=chosen)
    results = services.compute_results(poll.pk)
    assert [(r.votes, r.percent) for r in results.choices] == [(2, 33), (1, 17), (3, 50)]
    assert results.voters == 6 and results.selections == 6


def test_multiple_choice_percentages_are_shares_of_all_selections():
    poll = MultiplePollFactory()
    a, b, c = poll.choices.all()
    VoteFactory(poll=poll, chosen=[a, b])
    VoteFactory(poll=poll, chosen=[a])
    results = services.compute_results(poll.pk)
    assert results.voters == 2 and results.selections == 3
    assert [r.percent for r in results.choices] == [67, 33, 0]
    assert sum(r.percent for r in results.choices) == 100


# --- the rules of a vote ----------------------------------------------------------------


def test_valid_vote_is_recorded_with_voter_key_and_ip_hash_never_the_raw_ip():
    poll = PollFactory()
    vote = cast_vote(poll, ids(poll, 1), vote_request(voter=42, ip="198.51.100.7"))
    vote.refresh_from_db()
    assert vote.voter_key == f"{42:032x}"
    assert "198.51.100.7" not in vote.ip_hash and len(vote.ip_hash) == 64
    assert list(vote.choices.values_list("text", flat=True)) == ["Bình thường"]


def test_second_vote_from_the_same_reader_is_refused():
    poll = PollFactory()
    cast_vote(poll, ids(poll, 0), vote_request(voter=1))
    with pytest.raises(VoteRejected) as rejected:
        cast_vote(poll, ids(poll, 1), vote_request(voter=1))
    assert rejected.value.message == "Bạn đã bình chọn cho cuộc thăm dò này."
    assert Vote.objects.count() == 1


@pytest.mark.parametrize(
    ("poll_kwargs", "message"),
    [
        (
            {"closes_at": timezone.now() - datetime.timedelta(minutes=1)},
            "Cuộc thăm dò này đã kết thúc.",
        ),
        ({"opens_at": timezone.now() + datetime.timedelta(hours=1)}, "Cuộc thăm dò này chưa mở."),
        ({"is_active": False}, "Cuộc thăm dò này không nhận bình chọn."),
    ],
)
def test_votes_outside_the_open_window_are_refused(poll_kwargs, message):
    poll = PollFactory(**{"opens_at": timezone.now() - datetime.timedelta(days=2), **poll_kwargs})
    with pytest.raises(VoteRejected) as rejected:
        cast_vote(poll, ids(poll, 0), vote_request())
    assert rejected.value.message == message
    assert not Vote.objects.exists()


def test_choice_of_another_poll_is_refused():
    poll, other = PollFactory(), PollFactory()
    with pytest.raises(VoteRejected) as rejected:
        cast_vote(poll, ids(other, 0), vote_request())
    assert rejected.value.message == "Lựa chọn không thuộc cuộc thăm dò này."


@pytest.mark.parametrize("raw", [["abc"], ["1.5"], [""], ["1; DROP TABLE"], [None]])
def test_non_numeric_choice_ids_are_refused(raw):
    poll = PollFactory()
    with pytest.raises(VoteRejected) as rejected:
        cast_vote(poll, raw, vote_request())
    assert rejected.value.message == "Lựa chọn không hợp lệ."


def test_no_choice_is_refused():
    poll = PollFactory()
    with pytest.raises(VoteRejected) as rejected:
        cast_vote(poll, [], vote_request())
    assert rejected.value.message == "Vui lòng chọn ít nhất một phương án."


def test_two_choices_on_a_single_choice_poll_are_refused():
    poll = PollFactory()
    with pytest.raises(VoteRejected) as rejected:
        cast_vote(poll, ids(poll, 0, 1), vote_request())
    assert rejected.value.message == "Bạn chỉ được chọn một phương án."


def test_more_choices_than_the_maximum_are_refused():
    poll = MultiplePollFactory(max_choices=2)
    with pytest.raises(VoteRejected) as rejected:
        cast_vote(poll, ids(poll, 0, 1, 2), vote_request())
    assert rejected.value.message == "Bạn chỉ được chọn tối đa 2 phương án."
    assert cast_vote(poll, ids(poll, 0, 2), vote_request()).choices.count() == 2


def test_repeated_choice_id_counts_once():
    poll = MultiplePollFactory(max_choices=2)
    vote = cast_vote(poll, ids(poll, 1, 1, 1), vote_request())
    assert vote.choices.count() == 1


@pytest.mark.parametrize("agent", [BOT_UA, ""])
def test_bots_and_agentless_scripts_never_vote(agent):
    poll = PollFactory()
    with pytest.raises(VoteRejected) as rejected:
        cast_vote(poll, ids(poll, 0), vote_request(agent=agent))
    assert rejected.value.code == "bot"
    assert not Vote.objects.exists()


# --- the per-IP limit -------------------------------------------------------------------


@override_settings(POLL_VOTES_PER_IP_PER_HOUR=3)
def test_ip_limit_lets_an_office_vote_up_to_the_setting_then_refuses():
    poll = PollFactory()
    for voter in range(1, 4):
        cast_vote(poll, ids(poll, 0), vote_request(voter=voter, ip="192.0.2.1"))
    with pytest.raises(VoteRejected) as rejected:
        cast_vote(poll, ids(poll, 0), vote_request(voter=4, ip="192.0.2.1"))
    assert rejected.value.code == "ip_limit"
    assert "quá nhiều" in rejected.value.message
    # Another address and another poll are not affected.
    cast_vote(poll, ids(poll, 0), vote_request(voter=5, ip="192.0.2.2"))
    other = PollFactory()
    cast_vote(other, ids(other, 0), vote_request(voter=4, ip="192.0.2.1"))
    assert Vote.objects.filter(poll=poll).count() == 4


def test_default_ip_limit_is_twenty_votes_per_poll_per_hour():
    poll = PollFactory()
    for voter in range(1, 21):
        cast_vote(poll, ids(poll, 0), vote_request(voter=voter, ip="192.0.2.9"))
    with pytest.raises(VoteRejected):
        cast_vote(poll, ids(poll, 0), vote_request(voter=21, ip="192.0.2.9"))
    counter = portal_redis.get_client().ttl(
        services._ip_counter_key(poll, Vote.objects.first().ip_hash)
    )
    assert 0 < counter <= 3600


@override_settings(POLL_VOTES_PER_IP_PER_HOUR=2)
def test_refused_duplicates_do_not_use_up_the_ip_allowance():
    poll = PollFactory()
    cast_vote(poll, ids(poll, 0), vote_request(voter=1, ip="192.0.2.3"))
    for _ in range(3):
        with pytest.raises(VoteRejected):
            cast_vote(poll, ids(poll, 0), vote_request(voter=1, ip="192.0.2.3"))
    cast_vote(poll, ids(poll, 0), vote_request(voter=2, ip="192.0.2.3"))
    assert Vote.objects.count() == 2


@override_settings(POLL_VOTES_PER_IP_PER_HOUR=1, REDIS_URL="redis://127.0.0.1:1/0")
def test_when_redis_is_down_the_voter_key_still_holds():
    portal_redis.reset_client()
    poll = PollFactory()
    cast_vote(poll, ids(poll, 0), vote_request(voter=1, ip="192.0.2.4"))
    with pytest.raises(VoteRejected) as rejected:
        cast_vote(poll, ids(poll, 0), vote_request(voter=1, ip="192.0.2.4"))
    assert rejected.value.code == "duplicate"
    assert Vote.objects.count() == 1
    assert portal_redis.failure_count() >= 1


@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_when_redis_is_down_the_database_keeps_the_ip_limit_of_twenty_an_hour():
    portal_redis.reset_client()
    poll = PollFactory()
    refused = []
    for voter in range(25):
        try:
            cast_vote(poll, ids(poll, 0), vote_request(voter=voter, ip="192.0.2.5"))
        except VoteRejected as exc:
            refused.append(exc.code)
    assert Vote.objects.filter(poll=poll).count() == 20
    assert refused == ["ip_limit"] * 5
    cast_vote(poll, ids(poll, 0), vote_request(voter=99, ip="192.0.2.6"))  # another address
    assert Vote.objects.filter(poll=poll).count() == 21


# --- caching ----------------------------------------------------------------------------


def test_results_are_cached_and_a_vote_invalidates_them(django_capture_on_commit_callbacks):
    poll = PollFactory()
    first = services.get_results(poll.pk)
    assert first.voters == 0
    # A vote written behind the service's back is not seen: the results come from cache.
    VoteFactory(poll=poll, chosen=[poll.choices.first()])
    assert services.get_results(poll.pk).voters == 0
    with django_capture_on_commit_callbacks(execute=True):
        cast_vote(poll, ids(poll, 2), vote_request(voter=77))
    fresh = services.get_results(poll.pk)
    assert fresh.voters == 2
    assert [c.votes for c in fresh.choices] == [1, 0, 1]


def test_warm_results_cost_no_query(django_assert_num_queries):
    poll = PollFactory()
    services.get_results(poll.pk)
    with django_assert_num_queries(0):
        services.get_results(poll.pk)


def test_active_polls_respect_the_open_window_and_the_block_costs_no_query_when_warm(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    from django.template import Context, Template

    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        soon = PollFactory(opens_at=now + datetime.timedelta(minutes=5))
        current = PollFactory()
    assert services.active_polls() == [current]
    block = Template("{% load polls_tags %}{% active_polls %}")
    html = block.render(Context({}))
    with django_assert_num_queries(0):
        assert block.render(Context({})) == html
    polls = services.active_polls(now=now + datetime.timedelta(minutes=6))
    assert {p.pk for p in polls} == {current.pk, soon.pk}
    assert [c.text for c in polls[0].choice_list] == ["Rất hữu ích", "Bình thường", "Chưa hữu ích"]


def test_editing_a_poll_refreshes_the_cached_block(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        poll = PollFactory()
    assert services.active_polls() == [poll]
    with django_capture_on_commit_callbacks(execute=True):
        poll.is_active = False
        poll.save()
    assert services.active_polls() == []
