from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Category
from .templatetags.news_tags import forget_menu


@receiver([post_save, post_delete], sender=Category)
def forget_cached_menu(sender, **kwargs):
    forget_menu()
