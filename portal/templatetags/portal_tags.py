from django import template

from core.versions import SITE, cached_block
from portal.models import Banner, SiteSettings

register = template.Library()


@register.inclusion_tag("includes/banners.html")
def banners(position=Banner.Position.RIGHT):
    """The banners active now in ``position``: a block of the site's version, whose short
    expiry also opens and closes a banner's date window (portal.pagecache)."""
    items = cached_block(
        f"banners-{position}",
        (SITE,),
        lambda: list(Banner.objects.active().in_position(position)),
    )
    return {"banners": items, "position": position}


@register.inclusion_tag("admin/includes/site_settings_warning.html")
def site_settings_warning():
    """The admin home page's warning while a field the rules require is empty."""
    return {"missing": SiteSettings.get_solo().missing_required_fields()}


@register.inclusion_tag("admin/includes/work_dashboard.html", takes_context=True)
def work_dashboard(context):
    from portal.dashboard import context_for

    return {**context_for(context["request"].user), "csrf_token": context.get("csrf_token")}
