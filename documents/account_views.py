"""Reporters' accounts: login (django-axes guards it), logout, password change/reset, keepalive."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from .middleware import idle_logout_message, idle_seconds, touch


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        name = form.get_user().get_full_name() or form.get_user().get_username()
        messages.success(self.request, f"Xin chào {name}, bạn đã đăng nhập.")
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5); `reason=idle` is sent by the countdown dialog at zero."""

    def post(self, request, *args, **kwargs):
        idle = request.POST.get("reason") == "idle"
        response = super().post(request, *args, **kwargs)
        if idle:
            messages.info(request, idle_logout_message())
        else:
            messages.success(request, "Bạn đã đăng xuất.")
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@method_decorator(
    ratelimit(key="portal.http.ratelimit_ip", rate="5/h", method="POST", block=True),
    name="post",
)
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@never_cache
@require_POST
def keepalive(request):
    """The countdown's "Tiếp tục làm việc": refresh the session's last-activity time."""
    if not request.user.is_authenticated:
        return JsonResponse({"ok": False, "message": idle_logout_message()}, status=401)
    touch(request, force=True)
    return JsonResponse({"ok": True, "idle_seconds": idle_seconds()})
