"""The admin home: what waits for the signed-in person, as counts that link to filtered lists."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from documents.models import ConsultationOpinion
from news import services as news_services
from news.models import Article, Comment
from pages.models import ContactMessage
from stats import clock
from stats import services as stats_services

NEW_OPINION_DAYS = 7
MOST_READ_DAYS = 7


@dataclass
class Tile:
    key: str
    label: str
    count: int
    url: str
    urgent: bool = False


def _list_url(name, **params):
    url = reverse(f"admin:{name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def article_tiles(user, now=None):
    """Chief editors see the whole newsroom; editors see their own articles."""
    now = now or timezone.now()
    articles = Article.objects.all()
    mine = {}
    if not news_services.can_publish(user):
        articles = articles.filter(author=user)
        mine = {"cua_toi": "1"}
    tiles = [
        Tile(
            "pending",
            "Bài chờ duyệt",
            articles.filter(status=Article.Status.PENDING).count(),
            _list_url("news_article", trang_thai="pending", **mine),
            urgent=news_services.can_publish(user),
        ),
        Tile(
            "scheduled",
            "Bài hẹn giờ đăng",
            articles.scheduled(now).count(),
            _list_url("news_article", trang_thai="scheduled", **mine),
        ),
        Tile(
            "rejected",
            "Bài bị trả lại",
            articles.filter(status=Article.Status.REJECTED).count(),
            _list_url("news_article", trang_thai="rejected", **mine),
            urgent=not news_services.can_publish(user),
        ),
        Tile(
            "mine",
            "Bài của tôi",
            Article.objects.filter(author=user).count(),
            _list_url("news_article", cua_toi="1"),
        ),
    ]
    return tiles


def tiles_for(user, now=None):
    """The tiles this user's rights show, in reading order."""
    now = now or timezone.now()
    tiles = []
    if user.has_perm("news.view_article"):
        tiles += article_tiles(user, now)
    if user.has_perm("news.change_comment"):
        tiles.append(
            Tile(
                "comments",
                "Bình luận chờ duyệt",
                Comment.objects.pending().count(),
                _list_url("news_comment", status__exact="pending"),
                urgent=True,
            )
        )
    if user.has_perm("documents.view_consultationopinion"):
        since = now - datetime.timedelta(days=NEW_OPINION_DAYS)
        tiles.append(
            Tile(
                "opinions",
                f"Ý kiến góp ý dự thảo ({NEW_OPINION_DAYS} ngày qua)",
                ConsultationOpinion.objects.filter(created_at__gte=since).count(),
                _list_url("documents_consultationopinion"),
            )
        )
    if user.has_perm("pages.view_contactmessage"):
        tiles.append(
            Tile(
                "contact",
                "Thư liên hệ chưa xử lý",
                ContactMessage.objects.filter(handled=False).count(),
                _list_url("pages_contactmessage", handled__exact="0"),
                urgent=True,
            )
        )
    return tiles


def audience(now=None):
    """Today's visitors and the most read articles of the last days (stats' public figures)."""
    today = clock.local_day(now)
    figures = stats_services.block_figures()
    most_read = [
        row
        for row in stats_services.top_objects(
            "news.Article", today - datetime.timedelta(days=MOST_READ_DAYS - 1), today, limit=5
        )
        if row["object"] is not None
    ]
    return {"today": figures.get("today"), "most_read": most_read, "days": MOST_READ_DAYS}


def context_for(user, now=None):
    notices = []
    if news_services.can_publish(user):
        notices = [
            {
                "article": notice.article,
                "sender": news_services.full_name(notice.sender) if notice.sender else "",
                "created_at": notice.created_at,
            }
            for notice in news_services.unread_notices(user)[:10]
        ]
    preference = getattr(user, "editor_preference", None)
    return {
        "tiles": tiles_for(user, now),
        "audience": audience(now),
        "notices": notices,
        "is_reviewer": news_services.can_publish(user),
        # Every active staff member may open the statistics dashboard (stats.admin).
        "stats_url": (
            reverse("admin:stats_dashboard_changelist") if user.is_active and user.is_staff else ""
        ),
        "email_on_review": bool(preference and preference.email_on_review),
    }
