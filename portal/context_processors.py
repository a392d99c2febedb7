from django.utils import timezone

from .models import SiteSettings
from .pagecache import memoized

SITE_SETTINGS_MEMO = "site-settings"


def site(request):
    """The site's identity and today's date for the frame of every page."""
    # Not "site": Django's LoginView puts its own `site` in the context.
    return {
        # Memoized a few seconds in front of solo's Redis copy (see portal.pagecache).
        "site_settings": memoized(SITE_SETTINGS_MEMO, SiteSettings.get_solo),
        "today": timezone.localtime(),
    }
