from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .models import MaintenanceNotice, SiteSettings
from .pagecache import content_version, memoized

SITE_SETTINGS_MEMO = "site-settings"
MAINTENANCE_KEY = "maintenance-notices"


def site(request):
    """The site's identity and today's date for the frame of every page."""
    # Not "site": Django's LoginView puts its own `site` in the context.
    return {
        # Memoized a few seconds in front of solo's Redis copy (see portal.pagecache).
        "site_settings": memoized(SITE_SETTINGS_MEMO, SiteSettings.get_solo),
        "today": timezone.localtime(),
    }


def page_cache(request):
    """What {% cache %} blocks key on; the version is read from Redis only if a block asks."""
    return {
        "content_version": SimpleLazyObject(content_version),
        "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
    }


def _notices_not_ended():
    # In Redis until an editor saves a notice (portal.signals); ended ones are filtered below.
    return cache.get_or_set(
        MAINTENANCE_KEY,
        lambda: list(MaintenanceNotice.objects.not_ended(timezone.now())),
        None,
    )


def maintenance(request):
    """Planned downtime announced on every page until it ends."""

    def notices():
        now = timezone.now()
        found = memoized(MAINTENANCE_KEY, _notices_not_ended) or []
        return [(notice, notice.is_under_way(now)) for notice in found if notice.is_shown(now)]

    return {"maintenance_notices": notices}
