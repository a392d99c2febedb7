from django.utils import timezone

from core.site import site_settings
from core.versions import CSRF_PLACEHOLDER, SITE, cached_block

from .models import MaintenanceNotice

MAINTENANCE_BLOCK = "maintenance-notices"


def site(request):
    """The site's identity and today's date for the frame of every page."""
    # Not "site": Django's LoginView puts its own `site` in the context.
    return {"site_settings": site_settings(), "today": timezone.localtime()}


def csrf_placeholder(request):
    """A page the page cache may keep holds a placeholder, swapped for each reader's token."""
    if getattr(request, "page_cache", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def maintenance(request):
    """Planned downtime announced on every page until it ends."""

    def notices():
        now = timezone.now()
        found = cached_block(
            MAINTENANCE_BLOCK,
            (SITE,),
            lambda: list(MaintenanceNotice.objects.not_ended(timezone.now())),
        )
        return [(notice, notice.is_under_way(now)) for notice in found if notice.is_shown(now)]

    return {"maintenance_notices": notices}
