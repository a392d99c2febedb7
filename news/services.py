"""News services: the editorial workflow, ratings, comments and search (views stay thin).

The workflow rules live here so that the admin, the importer and any API apply the same ones.
"""

import html
import json
import re
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Func
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import formats, trash
from core import redis as portal_redis
from core.pagination import BoundedPaginator, cached_on_content
from core.search import all_words, fold_in_place, lexemes, phrase_rank
from core.text import fold
from core.versions import NEWS, bump

from .models import UNACCENT_FUNCTION, Article, Comment, EditorPreference, Rating, ReviewNotice

SEARCH_MIN_LENGTH = 2
SEARCH_MAX_LENGTH = 100
# Full-text matches ranked per search, the newest first: a bounded cost for a common word,
# and room for an older exact phrase behind a few thousand scattered matches.
SEARCH_CANDIDATES = 2000
# Newest articles read along the date index before the GIN index is asked (_candidates).
SEARCH_WINDOW = 20_000
# A word in at most this many articles (PostgreSQL's estimate) is searched by the GIN index.
SEARCH_RARE_WORD = 5_000
SNIPPET_LENGTH = 260
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")
# Block elements end a word: "<td>Nội dung</td><td>Kết quả</td>" reads "Nội dung Kết quả".
_BLOCK_TAG = re.compile(
    r"<(?=/?(?:p|div|br|hr|li|ul|ol|td|th|tr|table|thead|tbody|caption|h[1-6]|blockquote|"
    r"figure|figcaption|section|article|dd|dt|pre)\b)",
    re.IGNORECASE,
)


# Editorial workflow -------------------------------------------------------------------------

PUBLISH_PERMISSION = "news.publish_article"

# Button name -> label, in the order the buttons are shown.
ACTIONS = {
    "draft": "Lưu nháp",
    "submit": "Gửi duyệt",
    "save": "Lưu thay đổi",
    "publish": "Duyệt đăng",
    "schedule": "Hẹn giờ đăng",
    "reject": "Trả lại",
    "unpublish": "Gỡ bài",
}


class WorkflowError(ValueError):
    """A workflow step that cannot be done; the message is shown to the editor."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class WorkflowNotAllowed(WorkflowError):
    """The user's role does not have this step (a forged request, or a stale form)."""


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def allowed_actions(user, article=None):
    """The workflow steps ``user`` may take on ``article`` (None or unsaved: a new one)."""
    status = article.status if article is not None and article.pk else None
    publisher = can_publish(user)
    if status == Article.Status.PUBLISHED:
        if not publisher:
            return []
        actions = ["save", "schedule", "unpublish"]
        if article.is_scheduled:
            actions.insert(1, "publish")
        return actions
    actions = ["draft", "submit"]
    if publisher:
        actions += ["publish", "schedule"]
        if status == Article.Status.PENDING:
            actions.append("reject")
    return actions


def check_action(user, article, action, *, reason="", published_at=None, now=None):
    """Raise WorkflowError unless ``user`` may take ``action`` with these values."""
    if action not in ACTIONS:
        raise WorkflowNotAllowed("Thao tác không hợp lệ. Hãy tải lại trang và thử lại.")
    if action not in allowed_actions(user, article):
        raise WorkflowNotAllowed(
            f"Tài khoản của bạn không có quyền “{ACTIONS[action]}” với bài viết này."
        )
    now = now or timezone.now()
    if action == "reject" and not (reason or "").strip():
        raise WorkflowError("Hãy ghi lý do trả lại để tác giả biết cần sửa gì.", "workflow_reason")
    if action == "schedule" and (published_at is None or published_at <= now):
        raise WorkflowError(
            "Để hẹn giờ đăng, hãy chọn thời gian xuất bản trong tương lai.", "published_at"
        )


def apply_action(article, action, *, reason="", now=None):
    """Set ``article``'s status for ``action`` (not saved); returns the message to show."""
    now = now or timezone.now()
    title = f"“{article.title}”"
    if action == "draft":
        article.status = Article.Status.DRAFT
        return f"Đã lưu nháp bài {title}. Bài chưa được gửi duyệt."
    if action == "submit":
        article.status = Article.Status.PENDING
        article.reject_reason = ""
        return f"Đã gửi bài {title} để duyệt. Thư ký tòa soạn đã được báo."
    if action == "publish":
        article.status = Article.Status.PUBLISHED
        article.reject_reason = ""
        if article.published_at is None or article.published_at > now:
            article.published_at = now
        return f"Đã duyệt và đăng bài {title}. Bạn đọc đã xem được bài trên trang."
    if action == "schedule":
        article.status = Article.Status.PUBLISHED
        article.reject_reason = ""
        when = formats.article_datetime(article.published_at)
        return f"Đã hẹn giờ đăng bài {title} vào {when}."
    if action == "reject":
        article.status = Article.Status.REJECTED
        article.reject_reason = reason.strip()
        return f"Đã trả lại bài {title} cho tác giả, kèm lý do."
    if action == "unpublish":
        article.status = Article.Status.DRAFT
        return f"Đã gỡ bài {title} khỏi trang. Bài trở về bản nháp."
    if article.is_scheduled:
        when = formats.article_datetime(article.published_at)
        return f"Đã lưu thay đổi bài {title}. Bài vẫn hẹn giờ đăng vào {when}."
    return f"Đã lưu thay đổi bài {title}."


def take_down(article, user, reason, now=None):
    """A chief editor's "Gỡ bài ngay": back to draft now, with the reason kept on the article,
    in its revision and in the editorial log. A normal save, so cached pages are refreshed."""
    if not can_publish(user):
        raise WorkflowNotAllowed("Chỉ thư ký tòa soạn được gỡ bài ngay.")

    def unpublish(obj):
        obj.status = Article.Status.DRAFT
        return ["status"]

    trash.take_down(article, user, reason, unpublish, now)


def after_action(article, action, user):
    """What follows a saved step: a submitted article is announced to the reviewers."""
    if action == "submit":
        notify_reviewers(article, sender=user)


def reviewers():
    """Active staff who may publish: the chief editors (and superusers)."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    return [user for user in users if can_publish(user)]


def notify_reviewers(article, sender=None):
    """A dashboard notice for each reviewer, and an e-mail to those who asked for one."""
    recipients = [user for user in reviewers() if user != sender]
    ReviewNotice.objects.bulk_create(
        ReviewNotice(recipient=user, article=article, sender=sender) for user in recipients
    )
    wanting_mail = set(
        EditorPreference.objects.filter(user__in=recipients, email_on_review=True).values_list(
            "user_id", flat=True
        )
    )
    addresses = [u.email for u in recipients if u.pk in wanting_mail and u.email]
    if addresses:
        sender_name = full_name(sender) if sender else "Một biên tập viên"
        transaction.on_commit(
            lambda: send_mail(
                f"Bài chờ duyệt: {article.title}",
                f"{sender_name} vừa gửi bài “{article.title}” để duyệt.\n"
                "Mở trang quản trị để duyệt đăng hoặc trả lại bài.",
                settings.DEFAULT_FROM_EMAIL,
                addresses,
                fail_silently=True,
            )
        )


def unread_notices(user):
    return ReviewNotice.objects.filter(recipient=user, read_at__isnull=True).select_related(
        "article", "sender"
    )


def full_name(user):
    """Vietnamese order: family name first ("Nguyễn Thị Lan"), else the username."""
    name = " ".join(part for part in (user.last_name, user.first_name) if part).strip()
    return name or user.get_username()


# Who has an article open --------------------------------------------------------------------

PRESENCE_SECONDS = 60


def _presence_key(article_id):
    return portal_redis.key("news", "editing", article_id)


def mark_editing(article_id, user, now=None):
    """Note that ``user`` has the article open; returns the names of the others who do.

    A sorted set per article scored by time: entries older than PRESENCE_SECONDS are gone.
    Redis down: nobody is reported, the form still works.
    """
    moment = (now or timezone.now()).timestamp()
    key = _presence_key(article_id)
    if portal_redis.is_backing_off():
        return []
    try:
        pipe = portal_redis.get_client().pipeline()
        pipe.zremrangebyscore(key, "-inf", moment - PRESENCE_SECONDS)
        pipe.zadd(key, {f"{user.pk}:{full_name(user)}": moment})
        pipe.expire(key, PRESENCE_SECONDS)
        pipe.zrange(key, 0, -1)
        *_, members = pipe.execute()
    except portal_redis.REDIS_ERRORS as exc:
        portal_redis.record_failure(exc, "news.presence")
        return []
    others = []
    for member in members:
        user_id, _, name = member.decode().partition(":")
        if user_id != str(user.pk):
            others.append(name)
    return sorted(others)


# Ratings ------------------------------------------------------------------------------------


def rate_article(article, visitor, score):
    """Record ``score`` (1-5) by ``visitor``; False when this visitor has already rated.

    The unique constraint decides under concurrency; totals move by F() in the same
    transaction, so they always equal the sum of the stored ratings.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                Rating.objects.create(article=article, visitor=visitor, score=score)
        except IntegrityError:
            return False
        Article.objects.filter(pk=article.pk).update(
            rating_total=F("rating_total") + score, rating_count=F("rating_count") + 1
        )
    return True


def visitor_score(article, visitor):
    """The score ``visitor`` gave ``article``, or None."""
    return (
        Rating.objects.filter(article=article, visitor=visitor)
        .values_list("score", flat=True)
        .first()
    )


# Comments -----------------------------------------------------------------------------------


def submit_comment(article, *, name, email, text, visitor, ip_hash):
    """A new comment, waiting for moderation."""
    return Comment.objects.create(
        article=article,
        name=name.strip(),
        email=email.strip(),
        text=text.strip(),
        visitor=visitor,
        ip_hash=ip_hash,
    )


def moderate_comments(queryset, status):
    """Approve or reject comments in one UPDATE; update() sends no post_save, so the
    pages' news version is bumped here."""
    count = queryset.update(status=status, moderated_at=timezone.now())
    if count:
        bump(NEWS)
    return count


def next_scheduled_change(now):
    """The next moment an article appears or expires by the clock (None: none is due).

    Two ORDER BY ... LIMIT 1 reads, each served by an index (the public listing index and
    the expiry index): an aggregate over published articles would read them all."""
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    shows = (
        published.filter(published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    hides = (
        published.filter(expires_at__gt=now)
        .order_by("expires_at")
        .values_list("expires_at", flat=True)
        .first()
    )
    return min((m for m in (shows, hides) if m is not None), default=None)


# Search -------------------------------------------------------------------------------------


class SearchQueryError(ValueError):
    """The query cannot be searched; the message is shown to the reader."""


def clean_query(raw):
    """The searchable form of ``raw`` or SearchQueryError with a Vietnamese message."""
    # NUL and other control characters cannot reach PostgreSQL.
    query = " ".join("".join(ch for ch in (raw or "") if ch.isprintable()).split())
    if len(query) < SEARCH_MIN_LENGTH:
        raise SearchQueryError(
            f"Vui lòng nhập từ khóa tìm kiếm từ {SEARCH_MIN_LENGTH} đến {SEARCH_MAX_LENGTH} ký tự."
        )
    if len(query) > SEARCH_MAX_LENGTH:
        raise SearchQueryError(
            f"Từ khóa quá dài: tối đa {SEARCH_MAX_LENGTH} ký tự. Vui lòng rút gọn từ khóa."
        )
    words = _WORD.findall(fold(query))
    if not words or len("".join(words)) < SEARCH_MIN_LENGTH:
        raise SearchQueryError("Từ khóa phải có chữ hoặc số, không chỉ gồm dấu câu.")
    return query


def query_terms(query):
    return _WORD.findall(fold(query))


def _estimated_matches(word):
    """PostgreSQL's estimate of the articles holding ``word`` (from its statistics)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (FORMAT JSON) SELECT 1 FROM news_article "
            "WHERE search_vector @@ plainto_tsquery('simple'::regconfig, %s)",
            [word],
        )
        plan = cursor.fetchone()[0]
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]


_CANDIDATE_COLUMNS = ("pk", "published_at", "search_vector")


def _all_matches(words):
    """(sql, params): the newest SEARCH_CANDIDATES published articles holding all ``words``,
    through the GIN index."""
    matches = Article.objects.published().filter(search_vector=all_words(words))
    query = matches.latest_first().values(*_CANDIDATE_COLUMNS)[:SEARCH_CANDIDATES].query
    return query.sql_with_params()


def _candidates(words):
    """(sql, params, window): the newest SEARCH_CANDIDATES published articles holding all
    ``words``, as rows (pk, published_at, search_vector).

    With a rare word among them, through the GIN index: there are few matches. Otherwise
    along the date index through the newest SEARCH_WINDOW articles, which a common word
    fills within a few thousand rows: PostgreSQL cannot know that words go together ("cải
    cách hành chính") and, left to itself, would read every match through the GIN index.
    Only when the window does not fill (words common apart, rarely together) is the GIN
    index asked after all (``window`` True: _run_on_candidates checks that)."""
    terms = lexemes(words)
    if min(_estimated_matches(term) for term in set(terms)) <= SEARCH_RARE_WORD:
        return (*_all_matches(words), False)
    recent = Article.objects.published().latest_first().values(*_CANDIDATE_COLUMNS)
    sql, params = recent[:SEARCH_WINDOW].query.sql_with_params()
    return (
        f"SELECT w.* FROM ({sql}) w "
        "WHERE w.search_vector @@ plainto_tsquery('simple'::regconfig, %s) LIMIT %s",
        (*params, " ".join(terms), SEARCH_CANDIDATES),
        True,
    )


def _run_on_candidates(words, outer, outer_params=()):
    """The rows of ``outer`` (SQL with ``{}`` where the candidates go, aliased ``c``)."""
    sql, params, window = _candidates(words)
    with connection.cursor() as cursor:
        cursor.execute(outer.format(sql), (*outer_params, *params))
        rows = cursor.fetchall()
        if window and len(rows) < SEARCH_CANDIDATES:
            sql, params = _all_matches(words)
            cursor.execute(outer.format(sql), (*outer_params, *params))
            rows = cursor.fetchall()
    return rows


def _candidate_ids(words):
    """The ids of the newest SEARCH_CANDIDATES published articles holding all ``words``."""
    return [row[0] for row in _run_on_candidates(words, "SELECT c.pk FROM ({}) c")]


def _rank_sql(words):
    """(sql, params) of phrase_rank over the column ``c.search_vector``."""
    rank = phrase_rank("search_vector", words)
    query = Article.objects.annotate(rank=rank).values("rank").query
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.compile(query.annotations["rank"])
    return sql.replace('"news_article"."search_vector"', "c.search_vector"), params


def _ranked(query):
    """[(id, rank)] of the candidates for ``query``, best first: found and ranked in one
    statement, on those rows only, and sorted as narrow rows."""
    words = query_terms(query)
    rank_sql, rank_params = _rank_sql(words)
    ranked = (
        f"SELECT c.pk, {rank_sql} AS rank FROM ({{}}) c "
        "ORDER BY rank DESC, c.published_at DESC, c.pk DESC"
    )
    return [tuple(row) for row in _run_on_candidates(words, ranked, rank_params)]


def _title_matches(query):
    """The fallback when nothing matches in full text: a substring of the title."""
    folded = " ".join(query_terms(query))
    # The tsvector is only ranked in SQL, never shown: not fetched for each result.
    return (
        Article.objects.published()
        .select_related("category")
        .defer("search_vector")
        .annotate(folded_title=Func(F("title"), function=UNACCENT_FUNCTION))
        .filter(folded_title__contains=folded)
        .order_by("-published_at", "-id")
    )


def search_page(query, page_number, per_page):
    """One page of the published articles matching ``query`` (accent-free both ways),
    best first.

    Full text over title (weight A), lead (B) and body (C); newer first on equal rank.
    With no full-text hit, a trigram-indexed substring match on the title catches
    partial words ("tuyen gia"). The ranked ids of the candidates, kept under the content
    version, give the count and every page of the query without a COUNT.
    """
    folded = " ".join(query_terms(query))
    ranks = cached_on_content(f"news:search:{folded}", lambda: _ranked(query))
    if not ranks:
        max_pages = -(-SEARCH_CANDIDATES // per_page)
        paginator = BoundedPaginator(
            _title_matches(query),
            per_page,
            count_key=f"news:search-title:{folded}",
            max_pages=max_pages,
        )
        page = paginator.get_page(page_number)
        page.more_matches = paginator.truncated
        return page
    page = Paginator(ranks, per_page).get_page(page_number)
    # Only the best SEARCH_CANDIDATES are ranked: a full list means there are more.
    page.more_matches = len(ranks) >= SEARCH_CANDIDATES
    on_page = dict(page.object_list)
    articles = Article.objects.select_related("category").defer("search_vector").in_bulk(on_page)
    page.object_list = [articles[pk] for pk in on_page if pk in articles]
    for article in page.object_list:
        article.rank = on_page[article.pk]
    return page


def highlight(text, query, length=SNIPPET_LENGTH):
    """A snippet of ``text`` (HTML allowed, shown as text) around the first match (the
    whole phrase first), with every matched word, whole words only, wrapped in <mark>.
    Safe HTML."""
    # Entities become characters (&nbsp; a space) before escape() encodes them once.
    text = _BLOCK_TAG.sub(" <", text or "")
    # Stored HTML is sanitised (well formed): a tag is "<" to ">"; what is left is escaped.
    plain = " ".join(unicodedata.normalize("NFC", html.unescape(_TAG.sub("", text))).split())
    terms = sorted(set(query_terms(query)), key=len, reverse=True)
    if not plain:
        return ""
    folded = fold_in_place(plain)
    first, pattern = None, None
    if terms:
        # Whole words: "bo" marks "bộ", never the start of "bồi".
        pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b")
        words = query_terms(query)
        phrase = re.search(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", folded)
        hit = phrase or pattern.search(folded)
        first = hit.start() if hit else None
    start = 0
    if first is not None and first > length // 3:
        start = plain.rfind(" ", 0, first - length // 3) + 1
    end = min(len(plain), start + length)
    if end < len(plain):
        end = max(plain.rfind(" ", start, end), start + length // 2)
    pieces, cursor = [], start
    # Whole words of the folded text from the window's start, not beyond its end.
    for match in pattern.finditer(folded, start) if pattern else ():
        if match.start() >= end:
            break
        span_start, span_end = match.start(), min(match.end(), end)
        pieces.append(escape(plain[cursor:span_start]))
        pieces.append(f"<mark>{escape(plain[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(plain[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(plain) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)
