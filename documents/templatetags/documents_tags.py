from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from documents.models import Document
from documents.validators import human_size
from portal.pagecache import (
    forget_memo,
    memoized,
)

register = template.Library()

NEW_DOCUMENTS_CACHE_KEY = "documents:new-block"
NEW_DOCUMENTS_COUNT = 6


@register.simple_tag
def new_documents():
    """The "Văn bản mới" block: same for every reader (locks shown to all), so cached
    (and memoized a few seconds per process, see portal.pagecache)."""
    return mark_safe(memoized(NEW_DOCUMENTS_CACHE_KEY, _new_documents_html))


def forget_new_documents():
    cache.delete(NEW_DOCUMENTS_CACHE_KEY)
    forget_memo(NEW_DOCUMENTS_CACHE_KEY)


def _new_documents_html():
    html = cache.get(NEW_DOCUMENTS_CACHE_KEY)
    if html is None:
        documents = list(Document.objects.published().for_listing().newest()[:NEW_DOCUMENTS_COUNT])
        html = render_to_string("documents/includes/new_documents.html", {"documents": documents})
        cache.set(NEW_DOCUMENTS_CACHE_KEY, html, settings.PAGE_CACHE_SECONDS)
    return html


@register.filter
def file_size(value):
    """Bytes -> '1,5 MB'."""
    return human_size(value)
