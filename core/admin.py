"""Admin helpers every app may use (Django only, no app of the project)."""


class WrittenBySiteAdminMixin:
    """Rows the site writes itself (votes, opinions, imports): listed and read, never added
    or edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdminMixin(WrittenBySiteAdminMixin):
    """Records that are evidence (the statistics history): not deleted from the admin either."""

    def has_delete_permission(self, request, obj=None):
        return False
