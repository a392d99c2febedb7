from django import template
from django.core.cache import cache

from news.models import Article, Category

register = template.Library()

MENU_CACHE_KEY = "news:menu"
MENU_CACHE_SECONDS = 60 * 60


@register.simple_tag
def main_menu_items():
    """Top-level categories shown in the main menu, cached until a category changes."""
    items = cache.get(MENU_CACHE_KEY)
    if items is None:
        items = list(
            Category.objects.filter(show_in_menu=True, parent__isnull=True).only(
                "id", "name", "slug", "order"
            )
        )
        cache.set(MENU_CACHE_KEY, items, MENU_CACHE_SECONDS)
    return items


def forget_menu():
    cache.delete(MENU_CACHE_KEY)


@register.inclusion_tag("news/includes/article_list.html")
def latest_articles(count=5, category=None, title="Tin mới"):
    """A short list of the newest articles (optionally of one category) for side blocks."""
    articles = Article.objects.published().for_listing()
    if category is not None:
        articles = articles.in_category(category)
    return {"articles": list(articles[:count]), "title": title}
