from django.db.models.signals import post_delete, post_save

from portal.pagecache import bump_content_version

from .models import Leader, Page
from .templatetags.pages_tags import forget_menu


def page_changed(**kwargs):
    forget_menu()
    bump_content_version()


post_save.connect(page_changed, sender=Page, dispatch_uid="pages-page-save")
post_delete.connect(page_changed, sender=Page, dispatch_uid="pages-page-delete")
# Search results (cached on the content version) list pages; leaders show on a page.
post_save.connect(bump_content_version, sender=Leader, dispatch_uid="pages-leader-save")
post_delete.connect(bump_content_version, sender=Leader, dispatch_uid="pages-leader-delete")
