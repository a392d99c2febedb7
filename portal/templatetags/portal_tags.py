from django import template

from core.versions import SITE, cached_block
from portal.models import Banner, SiteSettings

register = template.Library()


def _banners_by_position():
    """Every banner shown now, by position: one query and one block for the page's three
    places, of the site's version; its short expiry opens and closes the date windows."""

    def group():
        grouped = {}
        for banner in Banner.objects.active():
            grouped.setdefault(banner.position, []).append(banner)
        return grouped

    return cached_block("banners", (SITE,), group)


@register.inclusion_tag("includes/banners.html")
def banners(position=Banner.Position.RIGHT):
    """The banners active now in ``position``."""
    return {"banners": _banners_by_position().get(position, []), "position": position}


@register.inclusion_tag("admin/includes/site_settings_warning.html")
def site_settings_warning():
    """The admin home page's warning while a field the rules require is empty."""
    return {"missing": SiteSettings.get_solo().missing_required_fields()}


@register.inclusion_tag("admin/includes/work_dashboard.html", takes_context=True)
def work_dashboard(context):
    from portal.dashboard import context_for

    return {**context_for(context["request"].user), "csrf_token": context.get("csrf_token")}
