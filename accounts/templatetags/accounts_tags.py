"""The right column's sign-in box, on every page."""

from django import template
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape

from accounts.access import is_reporter
from accounts.middleware import applies_to, idle_seconds
from core.versions import placeholder_context, with_csrf_token

register = template.Library()

LOGIN_BOX_TEMPLATE = "accounts/includes/login_box.html"
# Stands for the reader's own "next" path in the anonymous box.
NEXT_PLACEHOLDER = "next-path-placeholder-5c1d"


@register.simple_tag(takes_context=True)
def reporter_login_box(context):
    """The right column's reporter box: a login form, or a greeting and logout when signed in.

    For signed-in reporters it also carries the idle-timeout countdown dialog and its script.
    """
    request = context.get("request")
    if request is None:
        return ""
    user = request.user
    current = request.get_full_path()
    login_url = reverse("accounts:login")
    next_path = login_url if request.path == login_url else current
    if not user.is_authenticated:
        # The same form for every anonymous reader but for its token and "next".
        html = _anonymous_login_box()
        return with_csrf_token(html.replace(NEXT_PLACEHOLDER, escape(next_path)), request)
    # Signed in: a greeting and the logout form (no login form to build).
    ctx = {
        "user": user,
        "next": next_path,
        "is_reporter": is_reporter(user),
        "idle": applies_to(user),
        "idle_seconds": idle_seconds(user),
        "warning_seconds": settings.SESSION_IDLE_WARNING_SECONDS,
    }
    return render_to_string(LOGIN_BOX_TEMPLATE, ctx, request=request)


def _anonymous_login_box():
    form = AuthenticationForm(None, auto_id="reporter-box-%s")
    # The box is on every page: it must not steal focus from the skip link.
    form.fields["username"].widget.attrs.pop("autofocus", None)
    ctx = placeholder_context(user=AnonymousUser(), next=NEXT_PLACEHOLDER, form=form)
    return render_to_string(LOGIN_BOX_TEMPLATE, ctx)
