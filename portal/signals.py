from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Banner
from .pagecache import bump_content_version
from .templatetags.portal_tags import banners_cache_key


@receiver([post_save, post_delete], sender=Banner)
def forget_cached_banners(sender, **kwargs):
    cache.delete_many([banners_cache_key(p) for p in Banner.Position.values])


# The home page shows articles, categories and documents: any change to them refreshes it.
for model in ("news.Article", "news.Category", "documents.Document"):
    post_save.connect(bump_content_version, sender=model, dispatch_uid=f"home-{model}-save")
    post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"home-{model}-delete")
