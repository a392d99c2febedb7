"""Voting and results: the rules live here, views only translate them to HTTP."""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F
from django.utils import timezone

from core import redis as portal_redis
from stats.bots import is_bot
from stats.visitors import ip_hash, visitor_id

from .models import Choice, Poll, Vote, VoteChoice

RESULTS_SECONDS = 10 * 60
IP_WINDOW_SECONDS = 60 * 60


class VoteRejected(Exception):
    """A vote refused for a reason the reader should read (Vietnamese message)."""

    def __init__(self, message, code="invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


def votes_per_ip_per_hour():
    return settings.POLL_VOTES_PER_IP_PER_HOUR


# --- voting -----------------------------------------------------------------------------


def parse_choice_ids(poll, raw_ids):
    """Validated, de-duplicated choice ids of this poll, or VoteRejected."""
    ids = []
    for raw in raw_ids:
        try:
            value = int(str(raw).strip())
        except (TypeError, ValueError):
            raise VoteRejected("Lựa chọn không hợp lệ.", "invalid_choice") from None
        if value not in ids:
            ids.append(value)
    if not ids:
        raise VoteRejected("Vui lòng chọn ít nhất một phương án.", "no_choice")
    if len(ids) > poll.allowed_choices:
        if poll.allowed_choices == 1:
            raise VoteRejected("Bạn chỉ được chọn một phương án.", "too_many")
        raise VoteRejected(
            f"Bạn chỉ được chọn tối đa {poll.allowed_choices} phương án.", "too_many"
        )
    known = set(Choice.objects.filter(poll=poll, pk__in=ids).values_list("pk", flat=True))
    if known != set(ids):
        raise VoteRejected("Lựa chọn không thuộc cuộc thăm dò này.", "foreign_choice")
    return ids


def check_open(poll, now=None):
    now = now or timezone.now()
    if not poll.is_active:
        raise VoteRejected("Cuộc thăm dò này không nhận bình chọn.", "inactive")
    if not poll.has_opened(now):
        raise VoteRejected("Cuộc thăm dò này chưa mở.", "not_open")
    if poll.has_closed(now):
        raise VoteRejected("Cuộc thăm dò này đã kết thúc.", "closed")


def _ip_counter_key(poll, hashed_ip):
    return portal_redis.key("polls", "ip", poll.pk, hashed_ip)


def _take_ip_slot(poll, hashed_ip):
    """Count this vote against the IP's hourly allowance; True if within it.

    An atomic INCR, so simultaneous requests cannot all slip under the limit. When Redis
    is down the database decides instead (see _ip_slot_from_database): never unlimited.
    """
    if portal_redis.is_backing_off():
        return _ip_slot_from_database(poll, hashed_ip)
    try:
        pipe = portal_redis.get_client().pipeline()
        key = _ip_counter_key(poll, hashed_ip)
        pipe.incr(key)
        pipe.expire(key, IP_WINDOW_SECONDS, nx=True)
        count, _ = pipe.execute()
    except portal_redis.REDIS_ERRORS as exc:
        portal_redis.record_failure(exc, "polls.ip_limit")
        return _ip_slot_from_database(poll, hashed_ip)
    return count <= votes_per_ip_per_hour()


def _ip_slot_from_database(poll, hashed_ip):
    """The address's votes of the last hour, this one included (inserted in this transaction).

    A transaction-scoped advisory lock per poll and address makes simultaneous votes from
    one address count one after the other.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"poll:{poll.pk}:{hashed_ip}"]
        )
    since = timezone.now() - timedelta(seconds=IP_WINDOW_SECONDS)
    votes = Vote.objects.filter(poll=poll, ip_hash=hashed_ip, created_at__gte=since).count()
    return votes <= votes_per_ip_per_hour()


def cast_vote(poll, choice_ids, request, confirm=None):
    """Record this reader's vote, or raise VoteRejected with a Vietnamese message.

    `confirm`, if given, runs once the rules pass and before anything is written (the
    view checks the captcha there); it raises VoteRejected to refuse.
    """
    if is_bot(request):
        raise VoteRejected("Hệ thống không nhận bình chọn tự động.", "bot")
    check_open(poll)
    ids = parse_choice_ids(poll, choice_ids)
    if confirm is not None:
        confirm()
    hashed_ip = ip_hash(request)
    try:
        with transaction.atomic():
            # Insert first: a duplicate fails here (the unique constraint waits for any
            # concurrent insert of the same voter) before it can use the IP allowance.
            vote = Vote.objects.create(poll=poll, voter_key=visitor_id(request), ip_hash=hashed_ip)
            if not _take_ip_slot(poll, hashed_ip):
                raise VoteRejected(
                    "Địa chỉ mạng của bạn đã gửi quá nhiều lượt bình chọn cho cuộc thăm dò "
                    "này. Vui lòng thử lại sau.",
                    "ip_limit",
                )
            VoteChoice.objects.bulk_create(VoteChoice(vote=vote, choice_id=i) for i in ids)
            transaction.on_commit(lambda: invalidate_results(poll.pk))
    except IntegrityError:
        raise VoteRejected("Bạn đã bình chọn cho cuộc thăm dò này.", "duplicate") from None
    return vote


def has_voted(poll, request):
    return Vote.objects.filter(poll=poll, voter_key=visitor_id(request)).exists()


# --- results ----------------------------------------------------------------------------


@dataclass
class ChoiceResult:
    id: int
    text: str
    votes: int
    percent: int = 0


@dataclass
class Results:
    poll_id: int
    voters: int
    selections: int
    choices: list = field(default_factory=list)


def largest_remainder_percentages(counts):
    """Whole percentages of `counts` adding up to exactly 100 (all zero when empty)."""
    total = sum(counts)
    if total == 0:
        return [0] * len(counts)
    exact = [count * 100 / total for count in counts]
    floors = [int(value) for value in exact]
    missing = 100 - sum(floors)
    # Hand the missing points to the largest remainders; ties go to the earlier choice.
    by_remainder = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in by_remainder[:missing]:
        floors[index] += 1
    return floors


def compute_results(poll_id):
    """Counts from the database: one query for the choices, one for the voters."""
    rows = list(
        Choice.objects.filter(poll_id=poll_id)
        .annotate(num_votes=Count("vote_links") + F("imported_votes"))
        .order_by("order", "id")
        .values_list("id", "text", "num_votes")
    )
    voters = (
        Poll.objects.filter(pk=poll_id)
        .annotate(voters=Count("votes") + F("imported_voters"))
        .values_list("voters", flat=True)
        .first()
        or 0
    )
    percents = largest_remainder_percentages([row[2] for row in rows])
    choices = [
        ChoiceResult(id=cid, text=text, votes=votes, percent=pct)
        for (cid, text, votes), pct in zip(rows, percents, strict=True)
    ]
    return Results(
        poll_id=poll_id, voters=voters, selections=sum(c.votes for c in choices), choices=choices
    )


def _version_key(poll_id):
    return f"polls:results-version:{poll_id}"


def get_results(poll_id):
    """Cached results. The cache key carries a version that each vote bumps after commit,
    so a reader who computed just before a vote cannot store a stale result under the
    new version."""
    version = cache.get(_version_key(poll_id))
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(_version_key(poll_id), version, None):
            version = cache.get(_version_key(poll_id)) or version
    key = f"polls:results:{poll_id}:{version}"
    results = cache.get(key)
    if results is None:
        results = compute_results(poll_id)
        cache.set(key, results, RESULTS_SECONDS)
    return results


def invalidate_results(poll_id):
    cache.set(_version_key(poll_id), uuid.uuid4().hex, None)


# --- the right-column block ------------------------------------------------------------


def active_polls(now=None):
    """Active polls open right now, with their choices (the right column's block)."""
    now = now or timezone.now()
    polls = Poll.objects.active().prefetch_related("choices")
    polls = [poll for poll in polls if poll.is_open(now)]
    for poll in polls:
        poll.choice_list = list(poll.choices.all())
    return polls
