from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .context_processors import MAINTENANCE_KEY, SITE_SETTINGS_MEMO
from .models import Banner, MaintenanceNotice, SiteSettings
from .pagecache import forget_memo
from .templatetags.portal_tags import banners_cache_key


@receiver([post_save, post_delete], sender=Banner)
def forget_cached_banners(sender, **kwargs):
    keys = [banners_cache_key(p) for p in Banner.Position.values]
    cache.delete_many(keys)
    forget_memo(*keys)


@receiver([post_save, post_delete], sender=SiteSettings)
def forget_site_settings_memo(sender, **kwargs):
    forget_memo(SITE_SETTINGS_MEMO)


@receiver([post_save, post_delete], sender=MaintenanceNotice)
def forget_maintenance_notices(sender, **kwargs):
    cache.delete(MAINTENANCE_KEY)
    forget_memo(MAINTENANCE_KEY)
