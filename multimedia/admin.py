from django.contrib import admin
from django.utils.html import format_html
from sorl.thumbnail import get_thumbnail

from .models import Album, Photo, Video


def _thumbnail(image, size="80x54"):
    if not image:
        return "—"
    try:
        thumb = get_thumbnail(image, size, crop="center")
    except Exception:  # a missing file must not break the list
        return "—"
    width, height = size.split("x")
    return format_html('<img src="{}" width="{}" height="{}" alt="">', thumb.url, width, height)


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 3
    fields = ["preview", "image", "caption", "order"]
    readonly_fields = ["preview"]

    @admin.display(description="Xem trước")
    def preview(self, obj):
        return _thumbnail(obj.image)


class MediaAdmin(admin.ModelAdmin):
    list_display = ["preview", "title", "published_at", "is_published", "view_count"]
    list_display_links = ["preview", "title"]
    list_filter = ["is_published", "published_at"]
    search_fields = ["title", "description"]
    date_hierarchy = "published_at"
    readonly_fields = ["view_count", "updated_at"]


@admin.register(Album)
class AlbumAdmin(MediaAdmin):
    inlines = [PhotoInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "cover"]}),
        ("Xuất bản", {"fields": ["published_at", "is_published", "view_count", "updated_at"]}),
    ]

    @admin.display(description="Ảnh bìa")
    def preview(self, obj):
        return _thumbnail(obj.cover_image())


@admin.register(Video)
class VideoAdmin(MediaAdmin):
    fieldsets = [
        (None, {"fields": ["title", "slug", "description"]}),
        (
            "Video",
            {
                "fields": ["file", "youtube_url", "poster", "captions", "duration_seconds"],
                "description": "Tải lên một tệp MP4/WebM (kèm ảnh đại diện) hoặc nhập "
                "đường dẫn YouTube.",
            },
        ),
        ("Xuất bản", {"fields": ["published_at", "is_published", "view_count", "updated_at"]}),
    ]

    @admin.display(description="Ảnh")
    def preview(self, obj):
        return _thumbnail(obj.poster)
