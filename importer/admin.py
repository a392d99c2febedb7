from django.contrib import admin

from core.admin import WrittenBySiteAdminMixin

from .models import ImportedRecord, LegacyRedirect


@admin.register(LegacyRedirect)
class LegacyRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "target", "source", "created_at"]
    list_filter = ["source"]
    search_fields = ["old_path", "target"]


@admin.register(ImportedRecord)
class ImportedRecordAdmin(WrittenBySiteAdminMixin, admin.ModelAdmin):
    """What the import brought over, for checking; written by the import only."""

    list_display = ["source", "old_id", "object_id", "imported_at"]
    list_filter = ["source"]
    search_fields = ["old_id"]
