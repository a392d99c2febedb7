from django.contrib import admin, messages
from solo.admin import SingletonModelAdmin

from .models import Banner, MaintenanceNotice, SiteSettings

admin.site.site_header = "Quản trị Cổng thông tin Ban Tuyên giáo"
admin.site.site_title = "Quản trị cổng thông tin"
admin.site.index_title = "Bảng điều khiển"


@admin.register(SiteSettings)
class SiteSettingsAdmin(SingletonModelAdmin):
    pass


@admin.register(Banner)
class BannerAdmin(admin.ModelAdmin):
    list_display = ["title", "position", "order", "is_active", "active_from", "active_until"]
    list_editable = ["order", "is_active"]
    list_filter = ["position", "is_active"]
    search_fields = ["title"]


@admin.register(MaintenanceNotice)
class MaintenanceNoticeAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "ends_at", "shown_from", "message", "is_active"]
    list_filter = ["is_active"]
    fields = ["starts_at", "ends_at", "message", "shown_from", "is_active"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.notice_is_short:
            messages.warning(
                request,
                f"Thông báo này đăng trước chưa đủ {obj.NOTICE_WORKING_DAYS} ngày làm việc "
                "như quy định; nếu có thể, hãy lùi thời điểm tạm dừng.",
            )
