import datetime
import re

import pytest
from captcha.models import CaptchaStore
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from polls.models import Vote
from polls.views import VOTED_COOKIE
from tests.readers import make_reader

from .factories import MultiplePollFactory, PollFactory, VoteFactory

pytestmark = pytest.mark.django_db


def vote_url(poll):
    return reverse("polls:vote", args=[poll.pk])


def choice_ids(poll, *positions):
    choices = list(poll.choices.all())
    return [choices[p].pk for p in positions]


def html(response):
    return response.content.decode()


def polls_block(page):
    start = page.index('<section class="block polls-block"')
    return page[start : page.index("</section>", start)]


# --- the right-column block -------------------------------------------------------------


def test_home_page_right_column_shows_every_active_open_poll_as_a_plain_form(reader):
    single = PollFactory(question="Bạn đọc tin trên Cổng thông tin mỗi ngày mấy lần?")
    multiple = MultiplePollFactory(question="Bạn muốn đọc thêm chuyên mục nào?")
    PollFactory(question="Cuộc thăm dò đã ẩn", is_active=False)
    PollFactory(
        question="Cuộc thăm dò đã đóng",
        closes_at=timezone.now() - datetime.timedelta(1),
        opens_at=timezone.now() - datetime.timedelta(3),
    )
    page = html(reader.get("/"))
    sidebar = polls_block(page)
    assert single.question in sidebar and multiple.question in sidebar
    assert "Cuộc thăm dò đã ẩn" not in sidebar and "Cuộc thăm dò đã đóng" not in sidebar
    assert f'<form method="post" action="{vote_url(single)}"' in sidebar
    assert sidebar.count('name="csrfmiddlewaretoken"') == 2
    assert sidebar.count("<fieldset") == 2 and sidebar.count("<legend") == 2
    assert sidebar.count('type="radio" name="choice"') == 3
    assert sidebar.count('type="checkbox" name="choice"') == 3
    assert sidebar.count(">Bình chọn</button>") == 2
    assert f'href="{reverse("polls:results", args=[single.pk])}">Xem kết quả' in sidebar


def test_right_column_block_costs_no_query_when_warm(reader, django_assert_num_queries):
    from django.template import Context, Template
    from django.test import RequestFactory

    PollFactory()
    MultiplePollFactory()
    template = Template("{% load polls_tags %}{% active_polls %}")
    context = Context({"request": RequestFactory().get("/"), "csrf_token": "t" * 64})
    template.render(context)  # warms the cache
    with django_assert_num_queries(0):
        output = template.render(context)
    assert output.count("<form") == 2


def test_right_column_is_the_same_for_a_reader_who_already_voted(new_reader):
    poll = PollFactory()
    voter, stranger = new_reader(), new_reader()
    voter.post(vote_url(poll), {"choice": choice_ids(poll, 0)})
    strip = re.compile(r'value="[A-Za-z0-9]{64}"')

    def block(client):
        return strip.sub("", polls_block(html(client.get("/"))))

    # Nothing per-visitor in the block: a page cache may serve it to everyone.
    assert block(voter) == block(stranger)


def test_no_block_when_no_poll_is_open(reader):
    assert "polls-block" not in html(reader.get("/"))


# --- voting without JavaScript ----------------------------------------------------------


def test_vote_redirects_to_the_results_with_a_success_message(reader):
    poll = PollFactory()
    response = reader.post(vote_url(poll), {"choice": choice_ids(poll, 1)})
    assert response.status_code == 302
    assert response["Location"] == reverse("polls:detail", args=[poll.pk])
    assert str(poll.pk) in response.cookies[VOTED_COOKIE].value
    page = reader.get(response["Location"])
    text = html(page)
    assert "Cảm ơn bạn đã tham gia bình chọn!" in text
    assert "Bạn đã bình chọn cho cuộc thăm dò này." in text
    assert 'data-total="1"' in text
    assert 'data-votes="1" data-percent="100"' in text
    assert "100%</strong> (1 phiếu)" in text
    assert 'name="choice"' not in text[text.index("<main") : text.index("</main>")]
    assert page["Cache-Control"].startswith("max-age=0")


def test_second_vote_answers_already_voted_and_shows_the_results(reader):
    poll = PollFactory()
    reader.post(vote_url(poll), {"choice": choice_ids(poll, 0)})
    response = reader.post(vote_url(poll), {"choice": choice_ids(poll, 2)}, follow=True)
    text = html(response)
    assert "Bạn đã bình chọn cho cuộc thăm dò này." in text
    assert "Kết quả thăm dò" in text
    assert Vote.objects.count() == 1


def test_poll_page_shows_the_form_while_open_and_not_voted(reader):
    poll = MultiplePollFactory(description="Ý kiến giúp chúng tôi làm tốt hơn.")
    text = html(reader.get(poll.get_absolute_url()))
    assert f'<h1 class="poll-page__title">{poll.question}</h1>' in text
    assert "Chọn tối đa 2 phương án." in text
    assert text.count('type="checkbox" name="choice"') >= 3
    assert "Kết quả thăm dò" not in text


def test_closed_poll_page_shows_results_with_bars_percentages_counts_and_total(reader):
    now = timezone.now()
    poll = PollFactory(
        opens_at=now - datetime.timedelta(days=5),
        closes_at=now - datetime.timedelta(days=1),
        results_visibility="after_close",
    )
    a, b, c = poll.choices.all()
    for chosen in ([a], [b], [b], [c], [c], [c], [c]):
        VoteFactory(poll=poll, chosen=chosen)
    text = html(reader.get(poll.get_absolute_url()))
    assert "Đã kết thúc" in text
    percents = [int(p) for p in re.findall(r'data-percent="(\d+)"', text)]
    assert percents == [14, 29, 57] and sum(percents) == 100
    assert "57%</strong> (4 phiếu)" in text
    assert '<progress class="poll-results__bar" value="57" max="100"' in text
    assert 'data-total="7"' in text and "<strong>7</strong> lượt bình chọn" in text
    assert 'name="choice"' not in text[text.index("<main") : text.index("</main>")]


def test_results_page_respects_after_vote_visibility(new_reader):
    poll = PollFactory(results_visibility="after_vote")
    reader = new_reader()
    text = html(reader.get(reverse("polls:results", args=[poll.pk])))
    assert "Kết quả được hiển thị sau khi bạn bình chọn." in text
    assert "data-percent" not in text
    reader.post(vote_url(poll), {"choice": choice_ids(poll, 0)})
    assert "data-percent" in html(reader.get(reverse("polls:results", args=[poll.pk])))


def test_after_close_results_stay_hidden_after_voting(reader):
    poll = PollFactory(results_visibility="after_close")
    text = html(reader.post(vote_url(poll), {"choice": choice_ids(poll, 0)}, follow=True))
    assert "Kết quả sẽ được công bố khi cuộc thăm dò kết thúc." in text
    assert "data-percent" not in text


def test_results_link_shows_results_and_a_way_back_to_voting(reader):
    poll = PollFactory()
    text = html(reader.get(reverse("polls:results", args=[poll.pk])))
    assert "Kết quả thăm dò" in text and 'data-total="0"' in text
    assert "Tham gia bình chọn" in text


def test_inactive_or_unknown_poll_is_404(reader):
    poll = PollFactory(is_active=False)
    assert reader.get(poll.get_absolute_url()).status_code == 404
    assert reader.get("/tham-do/999999/").status_code == 404
    assert reader.post("/tham-do/999999/binh-chon/", {"choice": "1"}).status_code == 404


def test_get_on_the_vote_url_is_refused(reader):
    poll = PollFactory()
    assert reader.get(vote_url(poll)).status_code == 405


# --- forged and bad posts ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Vui lòng chọn ít nhất một phương án."),
        ({"choice": "abc"}, "Lựa chọn không hợp lệ."),
        ({"choice": ["1", "x"]}, "Lựa chọn không hợp lệ."),
    ],
)
def test_bad_posts_are_refused_next_to_the_form(reader, data, message):
    poll = PollFactory()
    response = reader.post(vote_url(poll), data)
    assert response.status_code == 400
    text = html(response)
    assert f'<ul class="errorlist poll-form__error" role="alert"><li>{message}</li></ul>' in text
    assert 'name="choice"' in text
    assert not Vote.objects.exists()


def test_forged_choice_of_another_poll_is_refused(reader):
    poll, other = PollFactory(), PollFactory()
    response = reader.post(vote_url(poll), {"choice": choice_ids(other, 0)})
    assert response.status_code == 400
    assert "Lựa chọn không thuộc cuộc thăm dò này." in html(response)
    assert not Vote.objects.exists()


def test_too_many_choices_keep_the_readers_ticks_and_say_why(reader):
    poll = MultiplePollFactory(max_choices=2)
    ids = choice_ids(poll, 0, 1, 2)
    response = reader.post(vote_url(poll), {"choice": ids})
    text = html(response)
    assert response.status_code == 400
    assert "Bạn chỉ được chọn tối đa 2 phương án." in text
    assert text.count(" checked>") == 3


def test_vote_on_a_closed_poll_is_refused(reader):
    now = timezone.now()
    poll = PollFactory(
        opens_at=now - datetime.timedelta(days=3), closes_at=now - datetime.timedelta(seconds=1)
    )
    response = reader.post(vote_url(poll), {"choice": choice_ids(poll, 0)})
    assert response.status_code == 400
    assert "Cuộc thăm dò này đã kết thúc." in html(response)
    assert not Vote.objects.exists()


def test_vote_on_a_poll_not_yet_open_is_refused(reader):
    poll = PollFactory(opens_at=timezone.now() + datetime.timedelta(days=1))
    response = reader.post(vote_url(poll), {"choice": choice_ids(poll, 0)})
    assert "Cuộc thăm dò này chưa mở." in html(response)
    assert not Vote.objects.exists()


def test_post_without_csrf_token_is_refused():
    poll = PollFactory()
    client = make_reader(vid=True, enforce_csrf_checks=True)
    response = client.post(vote_url(poll), {"choice": choice_ids(poll, 0)})
    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_post_with_the_pages_csrf_token_is_accepted():
    poll = PollFactory()
    client = make_reader(vid=True, enforce_csrf_checks=True)
    page = html(client.get("/"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        vote_url(poll), {"choice": choice_ids(poll, 0), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Vote.objects.count() == 1


def test_bot_post_is_refused():
    poll = PollFactory()
    client = make_reader(
        vid=True,
        agent="Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    )
    response = client.post(vote_url(poll), {"choice": choice_ids(poll, 0)})
    assert response.status_code == 403
    assert "Hệ thống không nhận bình chọn tự động." in html(response)
    assert not Vote.objects.exists()


@override_settings(POLL_VOTES_PER_IP_PER_HOUR=2)
def test_ip_limit_answers_429_in_vietnamese(new_reader):
    poll = PollFactory()
    for _ in range(2):
        assert (
            new_reader(ip="192.0.2.50")
            .post(vote_url(poll), {"choice": choice_ids(poll, 0)})
            .status_code
            == 302
        )
    response = new_reader(ip="192.0.2.50").post(vote_url(poll), {"choice": choice_ids(poll, 0)})
    assert response.status_code == 429
    assert "quá nhiều lượt bình chọn" in html(response)
    assert Vote.objects.count() == 2


# --- JSON answers for polls.js ----------------------------------------------------------


def test_json_vote_returns_the_results_fragment(reader):
    poll = PollFactory()
    response = reader.post(
        vote_url(poll), {"choice": choice_ids(poll, 0)}, HTTP_ACCEPT="application/json"
    )
    body = response.json()
    assert response.status_code == 200 and body["ok"] is True
    assert body["message"] == "Cảm ơn bạn đã tham gia bình chọn!"
    assert 'data-total="1"' in body["html"] and 'data-percent="100"' in body["html"]


def test_json_duplicate_vote_says_already_voted_with_results(reader):
    poll = PollFactory()
    reader.post(vote_url(poll), {"choice": choice_ids(poll, 0)})
    response = reader.post(
        vote_url(poll), {"choice": choice_ids(poll, 1)}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 409
    body = response.json()
    assert body["message"] == "Bạn đã bình chọn cho cuộc thăm dò này."
    assert 'data-total="1"' in body["html"]


def test_json_error_carries_the_vietnamese_message(reader):
    poll = PollFactory()
    response = reader.post(vote_url(poll), {"choice": "abc"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "code": "invalid_choice",
        "message": "Lựa chọn không hợp lệ.",
    }


# --- captcha ----------------------------------------------------------------------------


def captcha_answer(text):
    hashkey = re.search(r'name="captcha_0" value="([^"]+)"', text).group(1)
    return hashkey, CaptchaStore.objects.get(hashkey=hashkey).response


def test_captcha_poll_asks_for_the_code_and_refuses_a_wrong_one(reader):
    poll = PollFactory(requires_captcha=True)
    text = html(reader.get(poll.get_absolute_url()))
    assert "Mã xác nhận" in text and 'name="captcha_1"' in text
    hashkey, _ = captcha_answer(text)
    response = reader.post(
        vote_url(poll), {"choice": choice_ids(poll, 0), "captcha_0": hashkey, "captcha_1": "sai"}
    )
    assert response.status_code == 400
    assert "Mã xác nhận không đúng, vui lòng thử lại." in html(response)
    assert not Vote.objects.exists()


def test_captcha_poll_from_the_right_column_sends_the_reader_to_the_captcha(reader):
    poll = PollFactory(requires_captcha=True)
    response = reader.post(vote_url(poll), {"choice": choice_ids(poll, 1)})
    text = html(response)
    assert response.status_code == 400
    assert "Vui lòng nhập mã xác nhận." in text
    assert text.count(" checked>") == 1  # the reader's choice is kept
    hashkey, answer = captcha_answer(text)
    response = reader.post(
        vote_url(poll), {"choice": choice_ids(poll, 1), "captcha_0": hashkey, "captcha_1": answer}
    )
    assert response.status_code == 302
    assert Vote.objects.get().choices.get().pk == choice_ids(poll, 1)[0]


def test_right_column_does_not_create_captchas(reader, django_assert_num_queries):
    PollFactory(requires_captcha=True)
    reader.get("/")
    assert not CaptchaStore.objects.exists()


# An hour-long window: a minute's boundary falling between the posts would reset the count.
@override_settings(POLL_POST_RATE="3/h")
def test_hammering_the_vote_url_from_one_address_is_slowed_down(reader):
    poll = PollFactory()
    statuses = [reader.post(vote_url(poll), {"choice": "abc"}).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    assert "Bạn thao tác quá nhanh" in html(reader.post(vote_url(poll), {"choice": "abc"}))


def test_closed_captcha_poll_says_closed_before_asking_for_the_code(reader):
    now = timezone.now()
    poll = PollFactory(
        requires_captcha=True,
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now - datetime.timedelta(days=1),
    )
    response = reader.post(vote_url(poll), {"choice": choice_ids(poll, 0)})
    assert "Cuộc thăm dò này đã kết thúc." in html(response)
    assert "Vui lòng nhập mã xác nhận." not in html(response)


def test_pages_and_votes_still_work_while_redis_is_down(new_reader):
    from core import redis as portal_redis

    poll = PollFactory()
    # The portal's own outage state: every cache call is skipped as after a real failure.
    portal_redis.record_failure(ConnectionError("test outage"), "polls test")
    reader = new_reader()
    assert poll.question in polls_block(html(reader.get("/")))
    response = reader.post(vote_url(poll), {"choice": choice_ids(poll, 0)}, follow=True)
    assert response.status_code == 200
    assert 'data-total="1"' in html(response)
    assert Vote.objects.count() == 1


# --- the list of polls and results after a reload ------------------------------------------


def test_poll_list_shows_open_and_closed_polls_but_not_hidden_or_future_ones(reader):
    now = timezone.now()
    open_poll = PollFactory(question="Bạn đọc tin qua kênh nào?")
    closed = PollFactory(
        question="Chuyên mục nào bạn đọc nhiều nhất năm 2025?",
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=30),
    )
    PollFactory(question="Cuộc thăm dò đã ẩn", is_active=False)
    PollFactory(question="Cuộc thăm dò sắp mở", opens_at=now + datetime.timedelta(days=1))

    response = reader.get("/tham-do/")

    assert response.status_code == 200
    page = html(response)
    assert [p.pk for p in response.context["polls"]] == [open_poll.pk, closed.pk]
    assert "Đang diễn ra" in page and "Đã kết thúc" in page
    assert "đã ẩn" not in page and "sắp mở" not in page


def test_results_fragment_for_a_reader_who_voted_after_a_reload(new_reader):
    poll = PollFactory(results_visibility="after_vote")
    voter, stranger = new_reader(ip="203.0.113.21"), new_reader(ip="203.0.113.22")
    voter.post(vote_url(poll), {"choice": choice_ids(poll, 0)})
    url = reverse("polls:results", args=[poll.pk])

    mine = voter.get(url, HTTP_ACCEPT="application/json").json()["html"]
    theirs = stranger.get(url, HTTP_ACCEPT="application/json").json()["html"]

    assert 'data-total="1"' in mine
    assert "data-total" not in theirs and "sau khi bạn bình chọn" in theirs


def test_multiple_choice_form_tells_the_browser_its_limit(reader):
    poll = MultiplePollFactory(max_choices=2)
    page = html(reader.get(poll.get_absolute_url()))
    assert 'data-max-choices="2"' in page
