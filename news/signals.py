from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core.versions import NEWS, bump, bumper

from .models import Article, Category, Comment, Tag

_bump_news = bumper(NEWS)


@receiver(post_save, sender=Comment)
def comment_saved(sender, instance, created, **kwargs):
    """Article pages show their approved comments; a reader's new comment waits for
    moderation and changes nothing shown, every other save may."""
    if not (created and instance.status == Comment.Status.PENDING):
        bump(NEWS)


post_delete.connect(_bump_news, sender=Comment, dispatch_uid="pagecache-news-comment-delete")

# Every page's menu and the news pages (home, category, article, search, feeds) show these.
for _model in (Article, Category, Tag):
    _uid = f"pagecache-news-{_model.__name__}"
    post_save.connect(_bump_news, sender=_model, dispatch_uid=f"{_uid}-save")
    post_delete.connect(_bump_news, sender=_model, dispatch_uid=f"{_uid}-delete")
# The admin saves an article's tags after the article itself.
m2m_changed.connect(_bump_news, sender=Article.tags.through, dispatch_uid="pagecache-news-tags")
