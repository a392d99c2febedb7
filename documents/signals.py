from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .filters import YEARS_CACHE_KEY
from .models import Document
from .templatetags.documents_tags import NEW_DOCUMENTS_CACHE_KEY


@receiver([post_save, post_delete], sender=Document)
def forget_cached_blocks(sender, **kwargs):
    cache.delete_many([NEW_DOCUMENTS_CACHE_KEY, YEARS_CACHE_KEY])
