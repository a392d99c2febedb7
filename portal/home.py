"""What the home page shows (the page cache keeps the whole page, portal.pagecache)."""

from django.db.models import Case, F, IntegerField, Value, When, Window
from django.db.models.functions import RowNumber

from multimedia.models import Album, Video
from news.models import Article, Category

FEATURED_COUNT = 5
LATEST_COUNT = 8
PER_CATEGORY = 5
MEDIA_EACH = 2


def featured_articles():
    return list(Article.objects.published().featured().for_listing()[:FEATURED_COUNT])


def latest_articles():
    return list(Article.objects.published().for_listing()[:LATEST_COUNT])


def category_blocks():
    """[(category, [its newest articles, sub-categories at any depth included])] in menu
    order: one query for the tree, one for the articles."""
    categories = list(Category.objects.filter(parent=None, show_in_menu=True).order_by("order"))
    roots = Category.objects.top_level_ids()
    branches = {}
    for pk, top in roots.items():
        branches.setdefault(top, []).append(pk)
    block = Case(
        *(When(category_id__in=ids, then=Value(top)) for top, ids in branches.items()),
        output_field=IntegerField(),
    )
    ranked = (
        Article.objects.published()
        .for_listing()
        .annotate(
            block=block,
            rank=Window(
                RowNumber(),
                partition_by=block,
                order_by=(F("published_at").desc(), F("id").desc()),
            ),
        )
        .filter(rank__lte=PER_CATEGORY)
    )
    by_block = {}
    for article in ranked:
        by_block.setdefault(article.block, []).append(article)
    return [(c, by_block[c.id]) for c in categories if c.id in by_block]


def media_block():
    """The newest albums and videos for the home page's photo and video block."""
    albums = Album.objects.published().latest_first().for_cards()
    return {
        "albums": list(albums[:MEDIA_EACH]),
        "videos": list(Video.objects.published().latest_first()[:MEDIA_EACH]),
    }
