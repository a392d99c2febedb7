from django.contrib import admin
from solo.admin import SingletonModelAdmin

from .models import Banner, SiteSettings

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
