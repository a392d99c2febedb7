from django import template
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from documents.access import is_reporter
from documents.middleware import applies_to, idle_seconds
from documents.models import Document
from documents.validators import human_size
from portal.pagecache import DOCUMENTS, cached_block, placeholder_context, with_csrf_token

register = template.Library()

NEW_DOCUMENTS_COUNT = 6
LOGIN_BOX_TEMPLATE = "documents/includes/reporter_login_box.html"
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
    from django.contrib.auth.models import AnonymousUser

    form = AuthenticationForm(None, auto_id="reporter-box-%s")
    # The box is on every page: it must not steal focus from the skip link.
    form.fields["username"].widget.attrs.pop("autofocus", None)
    ctx = placeholder_context(user=AnonymousUser(), next=NEXT_PLACEHOLDER, form=form)
    return render_to_string(LOGIN_BOX_TEMPLATE, ctx)


@register.simple_tag
def new_documents():
    """The "Văn bản mới" block: same for every reader (locks shown to all), a block of the
    documents' version (portal.pagecache)."""
    return mark_safe(cached_block("documents-new", (DOCUMENTS,), _new_documents_html))


def _new_documents_html():
    documents = list(Document.objects.published().for_listing().newest()[:NEW_DOCUMENTS_COUNT])
    return render_to_string("documents/includes/new_documents.html", {"documents": documents})


@register.filter
def file_size(value):
    """Bytes -> '1,5 MB'."""
    return human_size(value)


@register.filter
def duration_vi(value):
    """A timedelta -> '30 phút' / '2 giờ'."""
    try:
        minutes = max(1, round(value.total_seconds() / 60))
    except AttributeError:
        return ""
    if minutes % 60 == 0:
        return f"{minutes // 60} giờ"
    return f"{minutes} phút"
