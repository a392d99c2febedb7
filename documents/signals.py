from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .filters import YEARS_CACHE_KEY
from .models import Document, DocumentFile
from .templatetags.documents_tags import NEW_DOCUMENTS_CACHE_KEY


@receiver([post_save, post_delete], sender=Document)
def forget_cached_blocks(sender, **kwargs):
    cache.delete_many([NEW_DOCUMENTS_CACHE_KEY, YEARS_CACHE_KEY])


@receiver(post_delete, sender=DocumentFile)
def delete_stored_file(sender, instance, **kwargs):
    # Only after the commit: a rolled-back delete must not lose the bytes.
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
