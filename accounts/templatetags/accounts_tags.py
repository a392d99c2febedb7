"""The right column's sign-in box, on every page."""

from django import template
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse

from accounts.access import is_reporter
from accounts.middleware import applies_to, idle_seconds

register = template.Library()

LOGIN_BOX_TEMPLATE = "accounts/includes/login_box.html"


@register.inclusion_tag(LOGIN_BOX_TEMPLATE, takes_context=True)
def reporter_login_box(context):
    """The right column's reporter box: a login form, or a greeting and logout when signed in.

    For signed-in reporters it also carries the idle-timeout countdown dialog and its script.
    Its CSRF token is the page's (an inclusion tag passes it on): in a page the page cache
    may keep, the placeholder it swaps for each reader's own token."""
    request = context.get("request")  # none on the 400 page of a host not allowed
    user = getattr(request, "user", None)
    login_url = reverse("accounts:login")
    if request is None or request.path == login_url:
        next_path = login_url
    else:
        next_path = request.get_full_path()
    if user is None or not user.is_authenticated:
        form = AuthenticationForm(None, auto_id="reporter-box-%s")
        # The box is on every page: it must not steal focus from the skip link.
        form.fields["username"].widget.attrs.pop("autofocus", None)
        return {"next": next_path, "form": form}
    return {
        "user": user,
        "next": next_path,
        "is_reporter": is_reporter(user),
        "idle": applies_to(user),
        "idle_seconds": idle_seconds(user),
        "warning_seconds": settings.SESSION_IDLE_WARNING_SECONDS,
    }
