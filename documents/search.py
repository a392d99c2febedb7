"""Accent-insensitive search over document codes and summaries.

`Document.search_text` holds the lower-case, accent-free code and summary and carries a
pg_trgm GIN index, so `LIKE '%…%'` on it stays fast on large tables.
"""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import Case, F, FloatField, Value, When

from .models import Document, normalize_search_text

MAX_QUERY_LENGTH = 100


def _words(query):
    return normalize_search_text(str(query or "")[:MAX_QUERY_LENGTH]).split()[:8]


def matching(queryset, query):
    """Documents of ``queryset`` whose code or summary contain every word of ``query``."""
    words = _words(query)
    if not words:
        return queryset
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def search_documents(query):
    """Published documents matching ``query``, best matches first (the same for every
    reader: restricted ones are listed with their lock, like the archive).

    An exact code match ranks first, then trigram word similarity, then the newest.
    Returns an empty QuerySet for an empty query.
    """
    words = _words(query)
    base = Document.objects.published().for_listing()
    if not words:
        return base.none()
    phrase = " ".join(words)
    return (
        matching(base, phrase)
        .annotate(
            exact=Case(
                When(code__iexact=str(query).strip(), then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            ),
            similarity=TrigramWordSimilarity(Value(phrase), "search_text"),
        )
        .annotate(rank=F("exact") + F("similarity"))
        .order_by("-rank", "-issued_on", "-id")
    )
