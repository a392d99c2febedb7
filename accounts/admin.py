from auditlog.admin import LogEntryAdmin
from auditlog.filters import ResourceTypeFilter
from auditlog.models import LogEntry
from django.contrib import admin

admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class PortalLogEntryAdmin(LogEntryAdmin):
    """auditlog's read-only list, filterable by user, object type and date."""

    list_filter = [
        "action",
        ("actor", admin.RelatedOnlyFieldListFilter),
        ResourceTypeFilter,
        ("timestamp", admin.DateFieldListFilter),
    ]
