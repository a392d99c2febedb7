"""News services: ratings, comments and search (views stay thin)."""

import html
import re
import unicodedata

from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import F, Func
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from portal.pagecache import bump_content_version
from portal.search import all_words, phrase_rank
from portal.text import strip_accents

from .models import UNACCENT_FUNCTION, Article, Comment, Rating

SEARCH_MIN_LENGTH = 2
SEARCH_MAX_LENGTH = 100
SNIPPET_LENGTH = 260
_WORD = re.compile(r"\w+")
# Block elements end a word: "<td>Nội dung</td><td>Kết quả</td>" reads "Nội dung Kết quả".
_BLOCK_TAG = re.compile(
    r"<(?=/?(?:p|div|br|hr|li|ul|ol|td|th|tr|table|thead|tbody|caption|h[1-6]|blockquote|"
    r"figure|figcaption|section|article|dd|dt|pre)\b)",
    re.IGNORECASE,
)


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
    cached pages' content version is bumped here."""
    count = queryset.update(status=status, moderated_at=timezone.now())
    if count:
        bump_content_version()
    return count


# Search -------------------------------------------------------------------------------------


class SearchQueryError(ValueError):
    """The query cannot be searched; the message is shown to the reader."""


def fold(text):
    """Lower case without accents and with đ -> d: what the database index holds."""
    return strip_accents(text).lower()


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


def ranked(queryset, query, vector="search_vector"):
    """``queryset`` filtered to rows whose ``vector`` holds every word of ``query``,
    annotated ``rank`` (see portal.search.phrase_rank)."""
    words = query_terms(query)
    return queryset.filter(**{vector: all_words(words)}).annotate(rank=phrase_rank(vector, words))


def _search_querysets(query):
    """(full-text results, title-substring fallback) for ``query``, both lazy."""
    folded = " ".join(query_terms(query))
    # The tsvector is only ranked in SQL, never shown: not fetched for each result.
    published = Article.objects.published().select_related("category").defer("search_vector")
    full_text = ranked(published, query).order_by("-rank", "-published_at", "-id")
    fallback = (
        published.annotate(folded_title=Func(F("title"), function=UNACCENT_FUNCTION))
        .filter(folded_title__contains=folded)
        .order_by("-published_at", "-id")
    )
    return full_text, fallback


def search_page(query, page_number, per_page):
    """One page of the published articles matching ``query`` (accent-free both ways),
    best first.

    Full text over title (weight A), lead (B) and body (C); newer first on equal rank.
    With no full-text hit, a trigram-indexed substring match on the title catches
    partial words ("tuyen gia"). The paginator's count, needed anyway, decides on the
    fallback: no separate existence query.
    """
    full_text, fallback = _search_querysets(query)
    paginator = Paginator(full_text, per_page)
    if paginator.count == 0:
        paginator = Paginator(fallback, per_page)
    return paginator.get_page(page_number)


def _folded_chars(text):
    """``text`` folded character by character, so indexes match the original."""
    return "".join((fold(ch) or ch)[:1] if len(fold(ch)) == 1 else ch.lower() for ch in text)


def highlight(text, query, length=SNIPPET_LENGTH):
    """A snippet of ``text`` (HTML allowed, shown as text) around the first match (the
    whole phrase first), with every matched word, whole words only, wrapped in <mark>.
    Safe HTML."""
    # Entities become characters (&nbsp; a space) before escape() encodes them once.
    text = _BLOCK_TAG.sub(" <", text or "")
    plain = " ".join(unicodedata.normalize("NFC", html.unescape(strip_tags(text))).split())
    terms = sorted(set(query_terms(query)), key=len, reverse=True)
    if not plain:
        return ""
    folded = _folded_chars(plain)
    spans, first = [], None
    if terms:
        # Whole words: "bo" marks "bộ", never the start of "bồi".
        pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b")
        spans = [m.span() for m in pattern.finditer(folded)]
        words = query_terms(query)
        phrase = re.search(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", folded)
        first = phrase.start() if phrase else (spans[0][0] if spans else None)
    start = 0
    if first is not None and first > length // 3:
        start = plain.rfind(" ", 0, first - length // 3) + 1
    end = min(len(plain), start + length)
    if end < len(plain):
        end = max(plain.rfind(" ", start, end), start + length // 2)
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces.append(escape(plain[cursor:span_start]))
        pieces.append(f"<mark>{escape(plain[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(plain[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(plain) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)
