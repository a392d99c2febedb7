import io

import pytest

from news import demo
from news.models import Article, Category, Comment

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_rich_enough():
    demo.seed(io.StringIO())
    counts = (Category.objects.count(), Article.objects.count(), Comment.objects.count())
    demo.seed(io.StringIO())
    assert (Category.objects.count(), Article.objects.count(), Comment.objects.count()) == counts
    assert counts[0] >= 6 and counts[1] >= 40
    published = Article.objects.published()
    assert published.count() == counts[1]
    oldest = published.order_by("published_at").first().published_at
    newest = published.order_by("-published_at").first().published_at
    assert (newest - oldest).days > 600
    assert published.featured().exists()
    assert Comment.objects.approved().exists() and Comment.objects.pending().exists()
    assert Article.objects.filter(rating_count__gt=0).exists()
    article = published.exclude(cover="").first()
    assert "<figcaption>" in published.filter(body__contains="<figure").first().body
    assert article.byline.startswith("Tin")


def test_bulk_articles_in_batches():
    calls = []
    made = demo.bulk_articles(2500, progress=calls.append, batch_size=1000)
    assert made == 2500 and calls == [1000, 1000, 500]  # batch sizes, as tqdm.update wants
    assert Article.objects.published().count() >= 2500
