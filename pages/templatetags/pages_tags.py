from django import template

from core.versions import PAGES, cached_block

register = template.Library()


@register.simple_tag
def pages_menu_items():
    """Top-level pages marked "show in menu": [(title, url)], a block of the pages' version."""
    return cached_block("pages-menu", (PAGES,), _load_menu)


def _load_menu():
    from pages.models import Page

    return [
        (page.title, page.get_absolute_url())
        for page in Page.objects.in_menu().only("id", "title", "path")
    ]
