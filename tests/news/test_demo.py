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


def test_demo_stories_name_the_bodies_as_they_are_in_2026():
    from documents import demo as documents_demo
    from documents.models import Document, IssuingBody

    demo.seed(io.StringIO())
    documents_demo.seed(io.StringIO())
    texts = " ".join(
        f"{a.title} {a.lead} {a.body} {a.source}" for a in Article.objects.all()
    ) + " ".join(Category.objects.values_list("description", flat=True))
    # District-level committees are gone since 2025; the provincial body is one.
    assert "huyện ủy" not in texts.lower() and "huyện" not in texts.lower()
    assert "Ban Tuyên giáo Tỉnh ủy" not in texts
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy" in texts
    assert not IssuingBody.objects.filter(
        name__in=["Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy"]
    )
    positions = " ".join(Document.objects.values_list("signer_position", flat=True))
    assert "Ban Tuyên giáo Tỉnh ủy" not in positions and "Ban Dân vận Tỉnh ủy" not in positions
