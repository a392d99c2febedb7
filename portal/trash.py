"""The trash and the takedown shared by articles and documents.

A deleted row keeps its place with ``deleted_at`` set: the default manager (used by every
public page, feed, sitemap, search and the API) no longer sees it, ``all_objects`` does. After
TRASH_DAYS a beat task deletes it for good. Every change goes through a normal save(), so the
page caches' content version is bumped and django-auditlog records it; each keeps a revision
(django-reversion) with who and why.
"""

import datetime

import reversion
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone


class LiveManager(models.Manager):
    """Rows not in the trash (the default manager of trashable models)."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class TrashableModel(models.Model):
    deleted_at = models.DateTimeField(
        "chuyển vào thùng rác lúc", null=True, blank=True, editable=False
    )
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xóa",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    takedown_reason = models.TextField("lý do gỡ", blank=True, editable=False)
    taken_down_at = models.DateTimeField("gỡ lúc", null=True, blank=True, editable=False)
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gỡ",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def in_trash(self):
        return self.deleted_at is not None

    def purge_due(self, now=None):
        """When this row leaves the trash for good."""
        return self.deleted_at + datetime.timedelta(days=settings.TRASH_DAYS)


def trashable_models():
    return [m for m in apps.get_models() if issubclass(m, TrashableModel)]


def _save_with_revision(obj, user, comment, fields):
    with transaction.atomic(), reversion.create_revision():
        obj.save(update_fields=[*fields, "updated_at"])
        reversion.set_user(user)
        reversion.set_comment(comment)


def move_to_trash(obj, user, now=None):
    obj.deleted_at = now or timezone.now()
    obj.deleted_by = user
    _save_with_revision(obj, user, "Chuyển vào thùng rác", ["deleted_at", "deleted_by"])


def restore_from_trash(obj, user):
    obj.deleted_at = None
    obj.deleted_by = None
    _save_with_revision(obj, user, "Khôi phục từ thùng rác", ["deleted_at", "deleted_by"])


def take_down(obj, user, reason, unpublish, now=None):
    """Unpublish ``obj`` now (``unpublish(obj)`` sets the model's own fields) with ``reason``."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValueError("Hãy ghi lý do gỡ.")
    changed = unpublish(obj)
    obj.takedown_reason = reason
    obj.taken_down_at = now or timezone.now()
    obj.taken_down_by = user
    fields = [*changed, "takedown_reason", "taken_down_at", "taken_down_by"]
    _save_with_revision(obj, user, f"Gỡ ngay: {reason}", fields)


def purge_trash(now=None):
    """Delete for good what has been in the trash longer than TRASH_DAYS; {model: rows}."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.TRASH_DAYS)
    done = {}
    for model in trashable_models():
        count = 0
        # One delete() per row: cascades and file-removing signals run as for any delete.
        for obj in model.all_objects.filter(deleted_at__lt=cutoff):
            obj.delete()
            count += 1
        done[model._meta.label] = count
    return done
