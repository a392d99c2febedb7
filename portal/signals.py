from django.db.models.signals import post_delete, post_save

from core.versions import SITE, bumper

from .models import Banner, MaintenanceNotice, SiteSettings

# Every page's frame shows the settings, the banners and the maintenance notices.
for _model in (Banner, SiteSettings, MaintenanceNotice):
    _uid = f"pagecache-site-{_model.__name__}"
    post_save.connect(bumper(SITE), sender=_model, dispatch_uid=f"{_uid}-save", weak=False)
    post_delete.connect(bumper(SITE), sender=_model, dispatch_uid=f"{_uid}-delete", weak=False)
