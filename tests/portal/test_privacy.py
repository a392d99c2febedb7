"""Retention: readers' personal data is anonymised on schedule (time travel, no sleeping)."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.utils import timezone

from news.models import Comment, Rating
from pages.models import ContactMessage
from polls.models import Vote
from portal.privacy import ANONYMOUS_NAME
from portal.tasks import purge_personal_data
from tests.news.factories import ArticleFactory, CommentFactory
from tests.pages.factories import ContactMessageFactory
from tests.polls.factories import PollFactory, VoteFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_personal_data_is_kept_for_its_purpose_then_anonymised(settings):
    settings.PRIVACY_RETENTION_DAYS = 365
    settings.IP_HASH_RETENTION_DAYS = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        comment = CommentFactory(email="an@example.vn", ip_hash="abc")
        article = ArticleFactory()
        rating = Rating.objects.create(article=article, visitor="v" * 32, score=4)
        poll = PollFactory(closes_at=start + 10 * DAY)
        vote = VoteFactory(poll=poll)
        message = ContactMessageFactory(ip_hash="def")
        AccessAttempt.objects.create(
            username="x",
            ip_address="198.51.100.9",
            user_agent="UA",
            failures_since_start=1,
            attempt_time=start,
            get_data="",
            post_data="",
            http_accept="",
            path_info="/",
        )

    with time_machine.travel(start + 2 * DAY, tick=False):
        purge_personal_data()
    # Within the lockout window's end, axes' raw IP is gone; everything else is kept.
    assert not AccessAttempt.objects.exists()
    comment.refresh_from_db()
    assert comment.email == "an@example.vn" and comment.ip_hash == "abc"

    with time_machine.travel(start + 31 * DAY, tick=False):
        purge_personal_data()
    comment.refresh_from_db()
    assert comment.ip_hash == "" and comment.email == "an@example.vn"
    assert ContactMessage.objects.get(pk=message.pk).ip_hash == ""
    assert Rating.objects.get(pk=rating.pk).visitor == f"an-{rating.pk}"
    vote = Vote.objects.get(pk=vote.pk)
    assert vote.ip_hash == "" and vote.voter_key == f"an-{vote.pk}"
    assert vote.poll.votes.count() == 1  # results keep every vote

    with time_machine.travel(start + 366 * DAY, tick=False):
        done = purge_personal_data()
    comment = Comment.objects.get(pk=comment.pk)
    assert comment.name == ANONYMOUS_NAME and comment.email == ""
    assert comment.text == "Bài viết rất hay."
    assert done["comments"] == 1


def test_votes_of_open_polls_keep_their_double_vote_guard(settings):
    settings.IP_HASH_RETENTION_DAYS = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        vote = VoteFactory(poll=PollFactory(closes_at=start + 90 * DAY))
    with time_machine.travel(start + 40 * DAY, tick=False):
        purge_personal_data()
    assert not Vote.objects.get(pk=vote.pk).voter_key.startswith("an-")
