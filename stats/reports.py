"""Reports upward: the articles published in a period and the documents, with their counts.

Models are looked up by label (news.Article, documents.Document): stats imports no app.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from stats import clock
from stats.models import DailyObjectCount


def _period_sum(model, field, start, end):
    """Subquery: the object's ``field`` (views or downloads) counted from ``start`` to ``end``."""
    rows = (
        DailyObjectCount.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=OuterRef("pk"),
            day__gte=start,
            day__lte=end,
        )
        .values("object_id")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def articles(start, end, category=None, author=None):
    """Articles published from ``start`` to ``end`` (local days), oldest first."""
    model = apps.get_model("news", "Article")
    first, _ = clock.day_bounds(start)
    _, after = clock.day_bounds(end)
    queryset = model.objects.filter(
        status="published", published_at__gte=first, published_at__lt=after
    )
    if category is not None:
        queryset = queryset.in_category(category)
    if author is not None:
        queryset = queryset.filter(author=author)
    queryset = (
        queryset.select_related("category", "author")
        .annotate(period_views=_period_sum(model, "views", start, end))
        .order_by("published_at", "id")
    )
    return [
        {
            "title": article.title,
            "category": article.category.name,
            "author": _author(article),
            "published_at": article.published_at,
            "period_views": article.period_views,
            "views": article.view_count,
        }
        for article in queryset
    ]


def _author(article):
    name = ""
    if article.author is not None:
        user = article.author
        # Vietnamese order: family and middle names (last_name) before the given name.
        name = f"{user.last_name} {user.first_name}".strip() or user.get_username()
    if article.byline:
        return f"{name} ({article.byline})" if name else article.byline
    return name


def documents(start, end, document_type=None, issuing_body=None):
    """Published documents with their views and downloads in the period and in all."""
    model = apps.get_model("documents", "Document")
    queryset = model.objects.published()
    if document_type is not None:
        queryset = queryset.filter(document_type=document_type)
    if issuing_body is not None:
        queryset = queryset.filter(issuing_body=issuing_body)
    queryset = (
        queryset.select_related("document_type", "issuing_body")
        .annotate(
            period_views=_period_sum(model, "views", start, end),
            period_downloads=_period_sum(model, "downloads", start, end),
        )
        .order_by("-period_downloads", "-period_views", "-issued_on", "id")
    )
    return [
        {
            "code": document.code,
            "summary": document.summary,
            "type": document.document_type.name,
            "issuing_body": document.issuing_body.name,
            "issued_on": document.issued_on,
            "period_views": document.period_views,
            "period_downloads": document.period_downloads,
            "views": document.view_count,
            "downloads": document.download_count,
        }
        for document in queryset
    ]
