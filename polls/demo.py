"""Two demo polls in the style of provincial portals, written by us, with some votes."""

import datetime
import hashlib

from django.db import transaction
from django.utils import timezone

from . import services
from .models import Choice, Poll, Vote, VoteChoice

POLLS = [
    {
        "question": "Bạn thường truy cập Cổng thông tin bằng thiết bị nào?",
        "description": (
            "Ý kiến của bạn giúp chúng tôi cải thiện cách trình bày trên từng loại màn hình."
        ),
        "kind": Poll.Kind.SINGLE,
        "max_choices": 1,
        "days_open": 10,
        "choices": [
            ("Điện thoại di động", 58),
            ("Máy tính để bàn hoặc máy tính xách tay", 31),
            ("Máy tính bảng", 9),
            ("Thiết bị khác", 2),
        ],
    },
    {
        "question": "Nội dung nào bạn muốn Cổng thông tin bổ sung?",
        "description": "Chọn tối đa ba nội dung bạn quan tâm nhất.",
        "kind": Poll.Kind.MULTIPLE,
        "max_choices": 3,
        "days_open": 20,
        "choices": [
            ("Hỏi - đáp chính sách, pháp luật", 27),
            ("Tài liệu sinh hoạt chi bộ hằng tháng", 35),
            ("Gương điển hình tiên tiến, người tốt việc tốt", 19),
            ("Video, phóng sự ảnh về hoạt động của tỉnh", 22),
            ("Lịch tiếp công dân và các sự kiện sắp diễn ra", 12),
        ],
    },
]


def _demo_key(*parts):
    return hashlib.sha256("|".join(map(str, ("demo", *parts))).encode()).hexdigest()[:32]


def seed(stdout):
    for spec in POLLS:
        poll, created = Poll.objects.get_or_create(
            question=spec["question"],
            defaults={
                "description": spec["description"],
                "kind": spec["kind"],
                "max_choices": spec["max_choices"],
                # Newest first in the right column: the device poll leads.
                "opens_at": timezone.now() - datetime.timedelta(days=spec["days_open"]),
            },
        )
        choices = []
        for order, (text, _) in enumerate(spec["choices"]):
            choice, _ = Choice.objects.get_or_create(
                poll=poll, text=text, defaults={"order": order}
            )
            choices.append(choice)
        if not poll.votes.exists():
            _add_votes(poll, choices, [weight for _, weight in spec["choices"]])
        transaction.on_commit(lambda pk=poll.pk: services.invalidate_results(pk))
        stdout.write(f"[polls] {'created' if created else 'kept'}: {poll.question}")


def _add_votes(poll, choices, weights):
    """Deterministic votes: choice i is picked by weights[i] voters (multiple: spread)."""
    links = []
    if poll.is_multiple:
        # Each voter picks up to max_choices choices, walking round the weighted list.
        tickets = [c for c, w in zip(choices, weights, strict=True) for _ in range(w)]
        per_voter = poll.max_choices
        ballots = []
        while tickets:
            ballot = []
            for choice in list(tickets):
                if choice not in ballot:
                    ballot.append(choice)
                    tickets.remove(choice)
                if len(ballot) == per_voter:
                    break
            ballots.append(ballot)
            per_voter = 1 + len(ballots) % poll.max_choices
    else:
        ballots = [[c] for c, w in zip(choices, weights, strict=True) for _ in range(w)]
    votes = Vote.objects.bulk_create(
        Vote(poll=poll, voter_key=_demo_key(poll.pk, n), ip_hash=_demo_key("ip", n % 40))
        for n in range(len(ballots))
    )
    for vote, ballot in zip(votes, ballots, strict=True):
        links.extend(VoteChoice(vote=vote, choice=choice) for choice in ballot)
    VoteChoice.objects.bulk_create(links)
