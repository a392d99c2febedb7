from django.contrib import admin
from django.utils.html import format_html
from sorl.thumbnail import get_thumbnail

from .models import ContactMessage, Leader, Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "address", "layout", "show_in_menu", "order", "is_published"]
    list_editable = ["show_in_menu", "order", "is_published"]
    list_filter = ["layout", "show_in_menu", "is_published"]
    search_fields = ["title", "path"]
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "layout", "summary", "body"]}),
        ("Ảnh", {"fields": ["image", "image_alt"]}),
        ("Hiển thị", {"fields": ["show_in_menu", "order", "is_published"]}),
    ]

    @admin.display(description="Địa chỉ", ordering="path")
    def address(self, obj):
        return format_html(
            '<a href="{}" target="_blank">/{}/</a>', obj.get_absolute_url(), obj.path
        )


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):
    list_display = ["portrait", "name", "position", "order", "is_active"]
    list_display_links = ["portrait", "name"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "position"]

    @admin.display(description="Ảnh")
    def portrait(self, obj):
        if not obj.photo:
            return "—"
        try:
            thumb = get_thumbnail(obj.photo, "48x64", crop="center")
        except Exception:  # a missing file must not break the list
            return "—"
        return format_html('<img src="{}" width="48" height="64" alt="">', thumb.url)


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "name", "email", "created_at", "handled"]
    list_filter = ["handled", "created_at"]
    search_fields = ["name", "email", "subject", "message"]
    date_hierarchy = "created_at"
    readonly_fields = ["name", "email", "phone", "subject", "message", "created_at"]
    fields = [*readonly_fields, "handled", "note"]
    actions = ["mark_handled"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Đánh dấu đã xử lý")
    def mark_handled(self, request, queryset):
        updated = queryset.update(handled=True)
        self.message_user(request, f"Đã đánh dấu {updated} thư là đã xử lý.")
