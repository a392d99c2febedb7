from django import template
from django.core.cache import cache

from portal.models import Banner, SiteSettings
from portal.pagecache import memoized

register = template.Library()

BANNERS_CACHE_SECONDS = 300


def banners_cache_key(position):
    return f"banners:{position}"


@register.inclusion_tag("includes/banners.html")
def banners(position=Banner.Position.RIGHT):
    """The banners active now in ``position``, cached until an editor changes one (and
    memoized a few seconds per process, see portal.pagecache)."""
    key = banners_cache_key(position)
    return {"banners": memoized(key, lambda: _load_banners(key, position))}


def _load_banners(key, position):
    items = cache.get(key)
    if items is None:
        items = list(Banner.objects.active().in_position(position))
        # Short expiry as well: a banner's date window opens and closes by itself.
        cache.set(key, items, BANNERS_CACHE_SECONDS)
    return items


@register.inclusion_tag("admin/includes/site_settings_warning.html")
def site_settings_warning():
    """The admin home page's warning while a field the rules require is empty."""
    return {"missing": SiteSettings.get_solo().missing_required_fields()}


@register.inclusion_tag("admin/includes/work_dashboard.html", takes_context=True)
def work_dashboard(context):
    from portal.dashboard import context_for

    return {**context_for(context["request"].user), "csrf_token": context.get("csrf_token")}
