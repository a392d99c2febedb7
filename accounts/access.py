"""Who may download restricted documents: reporters (group "Báo cáo viên") and staff."""

REPORTER_GROUP = "Báo cáo viên"


def is_reporter(user):
    """True for active staff and members of the reporters' group (memoised on the user)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    cached = getattr(user, "_documents_is_reporter", None)
    if cached is None:
        cached = user.groups.filter(name=REPORTER_GROUP).exists()
        user._documents_is_reporter = cached
    return cached
