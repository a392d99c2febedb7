"""Admin for trashable models: revisions with a diff and restore, the trash, the takedown.

Mixed into ArticleAdmin and DocumentAdmin before admin.ModelAdmin.
"""

import reversion
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version

from core import revisions, trash


class TrashRevisionAdminMixin:
    # Fields a revision puts back (content; the publication state stays as it is now).
    revision_fields = []
    # Fields compared in the diff.
    diff_fields = []
    # "app.codename" of who may take an object down at once.
    takedown_permission = None
    # Vietnamese name of one object in messages ("bài", "văn bản").
    object_word = "mục"

    # Revisions ------------------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            revisions.ensure_baseline(self.get_object(request, unquote(object_id)))
        # One revision per saved form, with its author; the comment is set in save_model.
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment("Lưu từ trang quản trị")
            return super().changeform_view(request, object_id, form_url, extra_context)

    def can_restore(self, request, obj, version):
        return self.has_change_permission(request, obj)

    def can_take_down(self, request, obj=None):
        return bool(self.takedown_permission) and request.user.has_perm(self.takedown_permission)

    def _url_name(self, suffix):
        opts = self.model._meta
        return f"{opts.app_label}_{opts.model_name}_{suffix}"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("thung-rac/", view(self.trash_view), name=self._url_name("trash")),
            path(
                "<path:object_id>/phien-ban/",
                view(self.versions_view),
                name=self._url_name("versions"),
            ),
            path(
                "<path:object_id>/phien-ban/<int:version_id>/",
                view(self.version_view),
                name=self._url_name("version"),
            ),
            path(
                "<path:object_id>/go-ngay/",
                view(self.takedown_view),
                name=self._url_name("takedown"),
            ),
            *super().get_urls(),
        ]

    def _context(self, request, obj, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": title,
            "object_word": self.object_word,
            "changelist_url": reverse(f"admin:{self._url_name('changelist')}"),
            "change_url": reverse(f"admin:{self._url_name('change')}", args=[obj.pk])
            if obj is not None
            else None,
            **extra,
        }

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def versions_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        versions = list(revisions.versions_of(obj))
        return TemplateResponse(
            request,
            "admin/portal/revisions.html",
            self._context(
                request,
                obj,
                f"Các phiên bản: {obj}",
                versions=versions,
                version_url=self._url_name("version"),
            ),
        )

    def version_view(self, request, object_id, version_id):
        obj = self._object_or_404(request, object_id)
        version = (
            Version.objects.get_for_object(obj)
            .select_related("revision__user")
            .filter(pk=version_id)
        ).first()
        if version is None:
            raise Http404
        allowed = self.can_restore(request, obj, version)
        if request.method == "POST":
            if not allowed:
                raise PermissionDenied
            revisions.restore_version(obj, version, request.user, self.revision_fields)
            self.message_user(
                request,
                f"Đã khôi phục {revisions.version_label(version).lower()} của {self.object_word} "
                f"“{obj}”.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse(f"admin:{self._url_name('change')}", args=[obj.pk]))
        return TemplateResponse(
            request,
            "admin/portal/revision_diff.html",
            self._context(
                request,
                obj,
                f"So sánh phiên bản: {obj}",
                version=version,
                version_label=revisions.version_label(version),
                tables=revisions.diff_tables(version, obj, self.diff_fields),
                can_restore=allowed,
                versions_url=reverse(f"admin:{self._url_name('versions')}", args=[obj.pk]),
            ),
        )

    # Trash ----------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        reversion.set_comment("Sửa" if change else "Tạo mới")
        super().save_model(request, obj, form, change)

    # The delete button and the bulk action move to the trash, and say so.
    delete_confirmation_template = "admin/portal/trash_confirmation.html"
    delete_selected_confirmation_template = "admin/portal/trash_selected_confirmation.html"

    def get_deleted_objects(self, objs, request):
        """Moving to the trash deletes nothing else: comments, ratings and files stay with
        the row, so there are no related rows to list, nor rights to delete them to check."""
        objs = list(objs)
        model_count = {self.model._meta.verbose_name_plural: len(objs)}
        return [str(obj) for obj in objs], model_count, set(), []

    def delete_view(self, request, object_id, extra_context=None):
        words = {
            "title": "Chuyển vào thùng rác",
            "object_word": self.object_word,
            "trash_days": settings.TRASH_DAYS,
        }
        return super().delete_view(request, object_id, {**words, **(extra_context or {})})

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            action, name, _ = actions["delete_selected"]
            label = f"Chuyển các {self.object_word} đã chọn vào thùng rác"
            actions["delete_selected"] = (action, name, label)
        return actions

    def delete_model(self, request, obj):
        trash.move_to_trash(obj, request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            trash.move_to_trash(obj, request.user)

    def response_delete(self, request, obj_display, obj_id):
        self.message_user(
            request,
            f"Đã chuyển {self.object_word} “{obj_display}” vào thùng rác: khôi phục được trong "
            f"{settings.TRASH_DAYS} ngày.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse(f"admin:{self._url_name('changelist')}"))

    def trash_view(self, request):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        trashed = self.model.all_objects.filter(deleted_at__isnull=False)
        if request.method == "POST":
            return self._trash_action(request, trashed)
        rows = trashed.select_related("deleted_by").order_by("-deleted_at")
        return TemplateResponse(
            request,
            "admin/portal/trash.html",
            self._context(
                request,
                None,
                f"Thùng rác: {self.model._meta.verbose_name_plural}",
                rows=rows,
                trash_days=settings.TRASH_DAYS,
            ),
        )

    def _trash_action(self, request, trashed):
        obj = trashed.filter(pk=request.POST.get("pk") or None).first()
        if obj is None:
            raise Http404
        if request.POST.get("action") == "restore":
            problem = self.restore_problem(obj)
            if problem:
                self.message_user(request, problem, messages.ERROR)
            else:
                trash.restore_from_trash(obj, request.user)
                self.message_user(
                    request, f"Đã khôi phục {self.object_word} “{obj}”.", messages.SUCCESS
                )
        elif request.POST.get("action") == "purge":
            name = str(obj)
            obj.delete()
            self.message_user(
                request, f"Đã xóa vĩnh viễn {self.object_word} “{name}”.", messages.SUCCESS
            )
        return HttpResponseRedirect(reverse(f"admin:{self._url_name('trash')}"))

    def restore_problem(self, obj):
        """Why ``obj`` cannot leave the trash now (a message), or None."""
        return None

    # Takedown -------------------------------------------------------------------------------

    def take_down(self, obj, user, reason):
        raise NotImplementedError

    def takedown_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        if not self.can_take_down(request, obj):
            raise PermissionDenied
        error = ""
        if request.method == "POST":
            reason = request.POST.get("reason", "")
            if " ".join(reason.split()):
                self.take_down(obj, request.user, reason)
                self.message_user(
                    request,
                    f"Đã gỡ {self.object_word} “{obj}” khỏi trang ngay. Lý do đã được ghi lại.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse(f"admin:{self._url_name('change')}", args=[obj.pk])
                )
            error = "Hãy ghi lý do gỡ: lý do được lưu vào nhật ký."
        return TemplateResponse(
            request,
            "admin/portal/takedown.html",
            self._context(request, obj, f"Gỡ ngay: {obj}", error=error),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra = {
            **(extra_context or {}),
            "versions_url": reverse(f"admin:{self._url_name('versions')}", args=[object_id]),
            "takedown_url": (
                reverse(f"admin:{self._url_name('takedown')}", args=[object_id])
                if obj is not None and self.can_take_down(request, obj)
                else None
            ),
        }
        return super().change_view(request, object_id, form_url, extra)

    def changelist_view(self, request, extra_context=None):
        extra = {**(extra_context or {})}
        if self.has_delete_permission(request):
            extra["trash_url"] = reverse(f"admin:{self._url_name('trash')}")
        return super().changelist_view(request, extra)
