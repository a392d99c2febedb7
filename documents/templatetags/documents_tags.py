from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.versions import DOCUMENTS, cached_block
from documents.models import Document
from documents.validators import human_size

register = template.Library()

NEW_DOCUMENTS_COUNT = 6


@register.simple_tag
def new_documents():
    """The "Văn bản mới" block: same for every reader (locks shown to all), a block of the
    documents' version (portal.pagecache)."""
    return mark_safe(cached_block("documents-new", (DOCUMENTS,), _new_documents_html))


def _new_documents_html():
    documents = list(Document.objects.published().for_listing().newest()[:NEW_DOCUMENTS_COUNT])
    return render_to_string("documents/includes/new_documents.html", {"documents": documents})


@register.filter
def file_size(value):
    """Bytes -> '1,5 MB'."""
    return human_size(value)
