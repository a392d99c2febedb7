from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Banner
from .templatetags.portal_tags import banners_cache_key


@receiver([post_save, post_delete], sender=Banner)
def forget_cached_banners(sender, **kwargs):
    cache.delete_many([banners_cache_key(p) for p in Banner.Position.values])
