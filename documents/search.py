"""Accent-insensitive search over documents: code and summary, and the text of their files.

`Document.search_text` holds the lower-case, accent-free code and summary with a pg_trgm GIN
index (`LIKE '%…%'` stays fast); `Document.file_vector` is the accent-free tsvector of the
files' text, kept by a trigger like the articles' one. A code or summary match ranks above a
match in the files. A reader who may not download a restricted document finds it by its code
and summary only, and never sees its files' text in a snippet.
"""

import re
import unicodedata

from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from accounts.access import is_reporter
from core.search import all_words, fold_in_place, phrase_rank

from .models import Document, normalize_search_text

MAX_QUERY_LENGTH = 100
SNIPPET_LENGTH = 240
# Matches in the files ranked by the phrase and nearness of the words: the newest ones.
# Ranking reads each file's tsvector, the one costly part of a search; every other match is
# still found and counted, code and summary matches still ranked first.
FILE_CANDIDATES = 500


def _words(query):
    return normalize_search_text(str(query or "")[:MAX_QUERY_LENGTH]).split()[:8]


def _title_match(words):
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    return condition


def _readable_files(user):
    """Documents whose files' text ``user`` may search and read in snippets (None: all)."""
    return None if is_reporter(user) else Q(access=Document.Access.PUBLIC)


def matching(queryset, query, user=None):
    """Documents of ``queryset`` whose code or summary contain every word of ``query``, or
    whose readable files contain them all, best first (annotated ``rank``).

    The files' text ranks only the newest FILE_CANDIDATES file matches; older ones follow
    them by date (a code or summary match ranks first whatever its age)."""
    words = _words(query)
    if not words:
        return queryset
    title = _title_match(words)
    readable = _readable_files(user)
    in_files = Q(file_vector=all_words(words))
    if readable is not None:
        in_files &= readable
    newest_in_files = (
        queryset.filter(in_files).order_by("-issued_on", "-id").values("pk")[:FILE_CANDIDATES]
    )
    # The phrase, then near words, then the rest; divided by 3 it stays below 1, so a file
    # match never outranks a title match.
    file_rank = Case(
        When(Q(pk__in=newest_in_files), then=phrase_rank("file_vector", words) / Value(3.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return (
        queryset.filter(title | in_files)
        .alias(
            code_rank=Case(
                When(code__iexact=str(query).strip(), then=Value(4.0)),
                default=Value(0.0),
                output_field=FloatField(),
            ),
            title_rank=Case(
                When(title & Q(search_text__contains=" ".join(words)), then=Value(2.5)),
                When(title, then=Value(2.0)),
                default=Value(0.0),
                output_field=FloatField(),
            ),
            file_rank=file_rank,
        )
        .annotate(rank=F("code_rank") + F("title_rank") + F("file_rank"))
        .order_by("-rank", "-issued_on", "-id")
    )


def search_documents(query, user=None):
    """Published documents matching ``query``, best first, as ``user`` may find them (the
    site search passes no user: its cached page is the same for every reader).

    Returns an empty QuerySet for an empty query.
    """
    base = Document.objects.published().for_listing()
    if not _words(query):
        return base.none()
    return matching(base, query, user)


def found_documents(query, limit, user=None):
    """([the ``limit`` best documents for ``query``, with snippets], how many match), in
    one statement: the count rides along the ranked rows."""
    ranked = search_documents(query, user).values("pk", "rank", "issued_on")
    sql, params = ranked.query.sql_with_params()
    with connection.cursor() as cursor:
        # The ranked subquery (sorted, so not merged into this one) gives narrow rows; the
        # window counts them all as they pass.
        cursor.execute(
            f"SELECT r.pk, count(*) OVER () FROM ({sql}) r "
            "ORDER BY r.rank DESC, r.issued_on DESC, r.pk DESC LIMIT %s",
            (*params, limit),
        )
        rows = cursor.fetchall()
    by_pk = Document.objects.for_listing().in_bulk([pk for pk, _ in rows])
    documents = [by_pk[pk] for pk, _ in rows if pk in by_pk]
    return with_snippets(documents, query, user), rows[0][1] if rows else 0


def with_snippets(documents, query, user=None):
    """Give each of ``documents`` a ``snippet`` from its files' text around ``query`` (empty
    for those whose files ``user`` may not read, or with no match in the files)."""
    documents = list(documents)
    readable = [d.pk for d in documents if not d.is_restricted or is_reporter(user)]
    texts = dict(
        Document.objects.filter(pk__in=readable).values_list("pk", "file_text") if readable else []
    )
    terms = _words(query)
    for document in documents:
        document.snippet = snippet(texts.get(document.pk, ""), terms)
    return documents


def snippet(text, terms, length=SNIPPET_LENGTH):
    """A window of ``text`` around the first match of ``terms`` (the whole phrase first),
    every term wrapped in <mark>. Safe HTML; empty when nothing matches."""
    if not text or not terms:
        return ""
    text = unicodedata.normalize("NFC", text)
    folded = fold_in_place(text)
    phrase = re.search(
        r"\b" + r"\W+".join(re.escape(t) for t in terms) + r"\b", folded, flags=re.UNICODE
    )
    any_term = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b")
    first = phrase or any_term.search(folded)
    if first is None:
        return ""
    start = max(0, first.start() - length // 3)
    if start:
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = max(text.rfind(" ", first.end(), end), first.end())
    pieces, cursor = [], start
    for match in any_term.finditer(folded, start, end):
        pieces.append(escape(text[cursor : match.start()]))
        pieces.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        cursor = match.end()
    pieces.append(escape(text[cursor:end]))
    body = " ".join("".join(pieces).split())
    return mark_safe(("… " if start else "") + body + (" …" if end < len(text) else ""))
