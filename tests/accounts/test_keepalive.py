"""Staff idle timeout vs. an editor typing for a long time: the admin's keep-alive ping."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.news.factories import CHIEF_EDITORS, ArticleFactory, staff_user

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def chief(client, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 15 * 60
    user = staff_user("thuky", CHIEF_EDITORS)
    client.force_login(user)
    return user


def signed_in(client):
    return client.get(reverse("admin:index")).status_code == 200


def test_admin_pages_load_the_keepalive_script_from_a_static_file(client, chief):
    html = client.get(reverse("admin:news_article_add")).content.decode()
    assert '<meta name="portal-keepalive" content="/tai-khoan/gia-han/" data-seconds="240">' in html
    assert 'src="/static/js/admin-keepalive.js" defer' in html


def test_a_ping_while_typing_keeps_the_staff_session_past_fifteen_minutes(client, chief):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert signed_in(client)
    with time_machine.travel(start + 14 * MINUTE, tick=False):
        response = client.post("/tai-khoan/gia-han/")
        assert response.json() == {"ok": True, "idle_seconds": 900}
    with time_machine.travel(start + 28 * MINUTE, tick=False):
        assert signed_in(client)


def test_the_presence_heartbeat_alone_does_not_keep_an_abandoned_form_signed_in(client, chief):
    article = ArticleFactory()
    presence = reverse("admin:news_article_presence", args=[article.pk])
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert signed_in(client)
    for minutes in (5, 10, 14):
        with time_machine.travel(start + minutes * MINUTE, tick=False):
            assert client.get(presence, HTTP_X_IDLE_PASSIVE="1").status_code == 200
    with time_machine.travel(start + 17 * MINUTE, tick=False):
        assert not signed_in(client)
