from django import template

from core.versions import NEWS, cached_block
from news.forms import CommentForm
from news.models import Category

register = template.Library()


@register.simple_tag
def main_menu_items():
    """Top-level categories shown in the main menu: a block of the news version
    (portal.pagecache)."""
    return cached_block("news-menu", (NEWS,), _menu_with_urls)


def _menu_with_urls():
    items = list(
        Category.objects.filter(show_in_menu=True, parent__isnull=True).only(
            "id", "name", "slug", "order"
        )
    )
    for category in items:
        category.menu_url = category.get_absolute_url()
        category.menu_stem = category.menu_url[:-1]
    return items


@register.inclusion_tag("news/includes/comment_fields.html")
def comment_form_fields(form=None):
    """The comment form's fields; without a form, the empty one that a reader's GET shows
    on every article (deferred captcha: the GET writes no captcha row)."""
    return {"comment_form": form or CommentForm(defer_captcha=True)}
