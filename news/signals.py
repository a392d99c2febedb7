from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from portal.pagecache import bump_content_version

from .models import Article, Category, Comment, Tag
from .templatetags.news_tags import forget_menu


@receiver([post_save, post_delete], sender=Category)
def forget_cached_menu(sender, **kwargs):
    forget_menu()


@receiver(post_save, sender=Comment)
def comment_saved(sender, instance, created, **kwargs):
    """Article pages cache their approved comments; a reader's new comment waits for
    moderation and changes nothing shown, every other save may."""
    if not (created and instance.status == Comment.Status.PENDING):
        bump_content_version()


post_delete.connect(bump_content_version, sender=Comment, dispatch_uid="pages-news-comment-delete")


# Every public page's cached fragments (home, category, article, search) show these.
for _model in (Article, Category, Tag):
    _uid = f"pages-news-{_model.__name__}"
    post_save.connect(bump_content_version, sender=_model, dispatch_uid=f"{_uid}-save")
    post_delete.connect(bump_content_version, sender=_model, dispatch_uid=f"{_uid}-delete")
# The admin saves an article's tags after the article itself.
m2m_changed.connect(
    bump_content_version, sender=Article.tags.through, dispatch_uid="pages-news-article-tags"
)
