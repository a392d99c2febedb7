from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .models import SiteSettings
from .pagecache import content_version, memoized

SITE_SETTINGS_MEMO = "site-settings"


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
