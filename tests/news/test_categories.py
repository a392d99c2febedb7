"""Categories nest at any depth, as NukeViet's do: a branch's pages hold all of it."""

import pytest
from django.core.exceptions import ValidationError

from news.models import Article
from portal import home

from .factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def branch():
    """Xây dựng Đảng > Công tác tuyên giáo > Báo cáo viên, each with one article."""
    top = CategoryFactory(name="Xây dựng Đảng")
    middle = CategoryFactory(name="Công tác tuyên giáo", parent=top)
    bottom = CategoryFactory(name="Báo cáo viên", parent=middle)
    articles = {
        c: ArticleFactory(category=c, title=f"Bài của {c.name}") for c in (top, middle, bottom)
    }
    return top, middle, bottom, articles


def test_a_category_page_lists_articles_of_grandchildren(client, branch):
    top, middle, bottom, articles = branch
    html = client.get(top.get_absolute_url()).content.decode()
    for article in articles.values():
        assert article.title in html
    assert set(Article.objects.published().in_category(middle)) == {
        articles[middle],
        articles[bottom],
    }


def test_family_ids_walks_every_level_in_one_query(branch, django_assert_num_queries):
    top, middle, bottom, _ = branch
    with django_assert_num_queries(1):
        assert top.family_ids() == [top.pk, middle.pk, bottom.pk]


def test_the_home_block_of_a_top_category_holds_its_whole_branch(branch):
    top, _, _, articles = branch
    blocks = dict(home.category_blocks())
    assert set(blocks[top]) == set(articles.values())


def test_a_category_cannot_be_moved_under_its_own_descendant(branch):
    top, _, bottom, _ = branch
    top.parent = bottom
    with pytest.raises(ValidationError, match="chuyên mục con của nó"):
        top.full_clean()
    top.parent = top
    with pytest.raises(ValidationError):
        top.full_clean()
