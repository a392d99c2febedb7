from django import template
from django.core.cache import cache

from portal.pagecache import forget_memo, memoized

register = template.Library()

MENU_CACHE_KEY = "pages:menu"
MENU_CACHE_SECONDS = 60 * 60


@register.simple_tag
def pages_menu_items():
    """Top-level pages marked "show in menu": [(title, url)], cached until a page changes."""
    return memoized(MENU_CACHE_KEY, _load_menu)


def _load_menu():
    from pages.models import Page

    items = cache.get(MENU_CACHE_KEY)
    if items is None:
        items = [
            (page.title, page.get_absolute_url())
            for page in Page.objects.in_menu().only("id", "title", "path")
        ]
        cache.set(MENU_CACHE_KEY, items, MENU_CACHE_SECONDS)
    return items


def forget_menu():
    cache.delete(MENU_CACHE_KEY)
    forget_memo(MENU_CACHE_KEY)
