import csv
import io

import pytest
from django.urls import reverse

from polls.models import Choice, Poll

from .factories import MultiplePollFactory, PollFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", "bt@example.vn", "x-Secret-123")
    client.force_login(user)
    return client


def inline_data(poll, deletes=()):
    choices = list(poll.choices.all())
    data = {
        "question": poll.question,
        "description": "",
        "kind": poll.kind,
        "max_choices": poll.max_choices,
        "requires_captcha": "",
        "opens_at_0": "2026-11-20",
        "opens_at_1": "08:00:00",
        "closes_at_0": "",
        "closes_at_1": "",
        "is_active": "on",
        "results_visibility": poll.results_visibility,
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": str(len(choices)),
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    for i, choice in enumerate(choices):
        data[f"choices-{i}-id"] = choice.pk
        data[f"choices-{i}-poll"] = poll.pk
        data[f"choices-{i}-text"] = choice.text
        data[f"choices-{i}-order"] = choice.order
        if choice in deletes:
            data[f"choices-{i}-DELETE"] = "on"
    return data


def test_admin_creates_a_poll_with_inline_choices(editor):
    data = {
        "question": "Bạn biết đến Cổng thông tin qua kênh nào?",
        "description": "",
        "kind": "multiple",
        "max_choices": "2",
        "opens_at_0": "2026-11-20",
        "opens_at_1": "08:00:00",
        "closes_at_0": "",
        "closes_at_1": "",
        "is_active": "on",
        "results_visibility": "always",
        "choices-TOTAL_FORMS": "3",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
        "choices-0-text": "Mạng xã hội",
        "choices-0-order": "0",
        "choices-1-text": "Báo in, phát thanh",
        "choices-1-order": "1",
        "choices-2-text": "",
        "choices-2-order": "0",
    }
    response = editor.post(reverse("admin:polls_poll_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    poll = Poll.objects.get()
    assert list(poll.choices.values_list("text", flat=True)) == [
        "Mạng xã hội",
        "Báo in, phát thanh",
    ]


def test_change_view_draws_the_results_as_a_bar_chart(editor):
    poll = PollFactory()
    a, b, _ = poll.choices.all()
    VoteFactory(poll=poll, chosen=[a])
    VoteFactory(poll=poll, chosen=[a])
    VoteFactory(poll=poll, chosen=[b])
    text = editor.get(reverse("admin:polls_poll_change", args=[poll.pk])).content.decode()
    assert "biểu đồ kết quả" in text.lower()
    assert "<strong>Rất hữu ích</strong>: 67% (2 phiếu)" in text
    assert "width:67%" in text and "width:33%" in text
    assert 'data-total="3"' in text


def test_choice_with_votes_cannot_be_deleted_from_the_inline(editor):
    poll = PollFactory()
    voted = poll.choices.first()
    VoteFactory(poll=poll, chosen=[voted])
    response = editor.post(
        reverse("admin:polls_poll_change", args=[poll.pk]), inline_data(poll, deletes=[voted])
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert f"Không thể xoá phương án “{voted.text}” vì đã có 1 phiếu bình chọn" in text, text[:3000]
    assert Choice.objects.filter(pk=voted.pk).exists()


def test_choice_without_votes_can_be_deleted_from_the_inline(editor):
    poll = PollFactory()
    unused = poll.choices.last()
    response = editor.post(
        reverse("admin:polls_poll_change", args=[poll.pk]), inline_data(poll, deletes=[unused])
    )
    assert response.status_code == 302
    assert not Choice.objects.filter(pk=unused.pk).exists()


def test_csv_export_lists_each_choice_with_votes_and_percentages(editor):
    poll = MultiplePollFactory(question="Chuyên mục nào hữu ích?")
    a, b, c = poll.choices.all()
    VoteFactory(poll=poll, chosen=[a, b])
    VoteFactory(poll=poll, chosen=[a])
    response = editor.post(
        reverse("admin:polls_poll_changelist"),
        {"action": "export_results_csv", "_selected_action": [poll.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Mã cuộc thăm dò", "Câu hỏi", "Phương án", "Số phiếu"]
    assert rows[1:] == [
        [str(poll.pk), "Chuyên mục nào hữu ích?", "Rất hữu ích", "2", "67", "2"],
        [str(poll.pk), "Chuyên mục nào hữu ích?", "Bình thường", "1", "33", "2"],
        [str(poll.pk), "Chuyên mục nào hữu ích?", "Chưa hữu ích", "0", "0", "2"],
    ]


def test_changelist_shows_the_number_of_voters(editor):
    poll = PollFactory()
    VoteFactory(poll=poll, chosen=[poll.choices.first()])
    text = editor.get(reverse("admin:polls_poll_changelist")).content.decode()
    assert poll.question in text and '<td class="field-voter_count">1</td>' in text
