from django.contrib import admin
from solo.admin import SingletonModelAdmin

from core.admin import ReadOnlyAdminMixin
from stats.dashboard import dashboard_view
from stats.models import DailyStats, Dashboard, PeriodTotal, StatsSettings


@admin.register(StatsSettings)
class StatsSettingsAdmin(SingletonModelAdmin):
    pass


@admin.register(DailyStats)
class DailyStatsAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """History is written by the flush and the roll-up only: read-only here."""

    list_display = [
        "day",
        "visits",
        "page_views",
        "unique_visitors",
        "views",
        "downloads",
        "bot_hits",
        "closed",
    ]
    date_hierarchy = "day"
    list_filter = ["closed"]


@admin.register(PeriodTotal)
class PeriodTotalAdmin(DailyStatsAdmin):
    """Imported history of the old site, read-only like the daily rows."""

    list_display = ["__str__", "period", "visits", "source"]
    date_hierarchy = "start"
    list_filter = ["period", "source"]


@admin.register(Dashboard)
class DashboardAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The statistics dashboard, listed in the admin index; every staff member may open it."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def changelist_view(self, request, extra_context=None):
        context = {**self.admin_site.each_context(request), "opts": self.model._meta}
        return dashboard_view(request, context)
