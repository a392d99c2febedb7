from django import template
from django.core.cache import cache
from django.template.loader import render_to_string

from news.forms import CommentForm
from news.models import Category
from portal.pagecache import forget_memo, memoized

register = template.Library()

MENU_CACHE_KEY = "news:menu"
MENU_CACHE_SECONDS = 60 * 60


@register.simple_tag
def main_menu_items():
    """Top-level categories shown in the main menu, cached until a category changes
    (and memoized a few seconds per process, see portal.pagecache)."""
    return memoized(MENU_CACHE_KEY, _menu_with_urls)


def _menu_with_urls():
    items = _load_menu()
    for category in items:
        # Reversed once per memo, not twice per category on every page.
        category.menu_url = category.get_absolute_url()
        category.menu_stem = category.menu_url[:-1]
    return items


def _load_menu():
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
    forget_memo(MENU_CACHE_KEY)


COMMENT_FIELDS_TEMPLATE = "news/includes/comment_fields.html"


@register.simple_tag
def comment_form_fields(form=None):
    """The comment form's fields; without a form, the empty one that a reader's GET shows
    on every article (deferred captcha, no token inside), rendered once per process."""
    if form is None:
        return memoized(
            COMMENT_FIELDS_TEMPLATE,
            lambda: _comment_fields(CommentForm(defer_captcha=True)),
            seconds=None,
        )
    return _comment_fields(form)


def _comment_fields(form):
    return render_to_string(COMMENT_FIELDS_TEMPLATE, {"comment_form": form})
