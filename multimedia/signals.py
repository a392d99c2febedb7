from django.db.models.signals import post_delete, post_save

from core.versions import PAGES, bumper

from .models import Album, Photo, Video

# The home page and the multimedia pages show albums and videos (the "pages" version).
_bump_pages = bumper(PAGES)
for _model in (Album, Photo, Video):
    _uid = f"pagecache-multimedia-{_model.__name__}"
    post_save.connect(_bump_pages, sender=_model, dispatch_uid=f"{_uid}-save")
    post_delete.connect(_bump_pages, sender=_model, dispatch_uid=f"{_uid}-delete")
