"""The site's identity (name, owner, address, e-mail) for any app, without importing the app
that keeps it: as with ``get_user_model()``, settings name the model (SITE_SETTINGS_MODEL)."""

from django.apps import apps
from django.conf import settings

from core.versions import SITE, cached_block

BLOCK = "site-settings"


def get_site_settings_model():
    return apps.get_model(settings.SITE_SETTINGS_MODEL)


def site_settings():
    """The one settings row, from the block cache under the site's version."""
    return cached_block(BLOCK, (SITE,), get_site_settings_model().get_solo)
