from django.db.models.signals import post_delete, post_save

from core.versions import PAGES, bumper

from .models import Leader, Page

# Every page's menu, the department pages and the search results show these.
_bump_pages = bumper(PAGES)
for _model in (Page, Leader):
    _uid = f"pagecache-pages-{_model.__name__}"
    post_save.connect(_bump_pages, sender=_model, dispatch_uid=f"{_uid}-save")
    post_delete.connect(_bump_pages, sender=_model, dispatch_uid=f"{_uid}-delete")
