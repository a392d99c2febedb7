"""Editors' changes reach the right column and the results without waiting for expiry."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import services
from .models import Choice, Poll


@receiver([post_save, post_delete], sender=Poll)
def poll_changed(sender, instance, **kwargs):
    transaction.on_commit(services.invalidate_active_polls)
    transaction.on_commit(lambda: services.invalidate_results(instance.pk))


@receiver([post_save, post_delete], sender=Choice)
def choice_changed(sender, instance, **kwargs):
    transaction.on_commit(services.invalidate_active_polls)
    transaction.on_commit(lambda: services.invalidate_results(instance.poll_id))
