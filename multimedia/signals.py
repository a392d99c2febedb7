from django.db.models.signals import post_delete, post_save

from portal.pagecache import bump_content_version

from .models import Album, Photo, Video

# The home page's cached block shows albums and videos.
for _model in (Album, Photo, Video):
    _uid = f"multimedia-{_model.__name__}"
    post_save.connect(bump_content_version, sender=_model, dispatch_uid=f"{_uid}-save")
    post_delete.connect(bump_content_version, sender=_model, dispatch_uid=f"{_uid}-delete")
