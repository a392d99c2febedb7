"""Editors' changes reach the pages (portal.pagecache) and the results without waiting."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.versions import POLLS, bump

from . import services
from .models import Choice, Poll


@receiver([post_save, post_delete], sender=Poll)
def poll_changed(sender, instance, **kwargs):
    bump(POLLS)
    transaction.on_commit(lambda: services.invalidate_results(instance.pk))


@receiver([post_save, post_delete], sender=Choice)
def choice_changed(sender, instance, **kwargs):
    bump(POLLS)
    transaction.on_commit(lambda: services.invalidate_results(instance.poll_id))
