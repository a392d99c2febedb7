"""Reporters' accounts: login (django-axes guards it), logout, password change/reset, keepalive,
e-mails about new documents and their unsubscribe link."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from django_ratelimit.decorators import ratelimit

from . import services
from .access import is_reporter
from .forms import SubscriptionForm
from .middleware import idle_logout_message, idle_seconds, touch
from .models import ReporterSubscription


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
        idle_message = idle_logout_message(request.user)
        response = super().post(request, *args, **kwargs)
        if idle:
            messages.info(request, idle_message)
        else:
            messages.success(request, "Bạn đã đăng xuất.")
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@method_decorator(
    ratelimit(key="stats.visitors.rate_key", rate="5/h", method="POST", block=True),
    name="post",
)
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # The link's address comes from SITE_URL, never from the request's (forgeable) Host.
        site = urlsplit(settings.SITE_URL)
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context=self.extra_email_context,
        )
        return HttpResponseRedirect(self.get_success_url())


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
    return JsonResponse({"ok": True, "idle_seconds": idle_seconds(request.user)})


class SubscriptionView(LoginRequiredMixin, FormView):
    """A reporter chooses the document types they want e-mails about."""

    template_name = "accounts/subscription.html"
    form_class = SubscriptionForm
    success_url = reverse_lazy("accounts:subscription")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_reporter(request.user):
            messages.error(request, "Thư báo văn bản mới chỉ dành cho báo cáo viên.")
            return redirect("/")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        subscription = ReporterSubscription.objects.filter(user=self.request.user).first()
        return {
            "email": self.request.user.email,
            "document_types": list(subscription.document_types.all()) if subscription else [],
        }

    def form_valid(self, form):
        services.save_subscription(self.request.user, **form.cleaned_data)
        if form.cleaned_data["document_types"]:
            messages.success(self.request, "Đã lưu lựa chọn nhận thư báo văn bản mới.")
        else:
            messages.success(self.request, "Bạn sẽ không nhận thư báo văn bản mới.")
        return super().form_valid(form)


@method_decorator(
    ratelimit(key="stats.visitors.rate_key", rate="20/h", method="POST", block=True),
    name="post",
)
class UnsubscribeView(TemplateView):
    """The link in every e-mail: works without logging in. A GET only asks (mail scanners
    open links); the button POSTs."""

    template_name = "accounts/unsubscribe.html"

    def get(self, request, token):
        known = ReporterSubscription.objects.filter(token=token).exists()
        return self.render_to_response({"known": known}, status=200 if known else 404)

    def post(self, request, token):
        if not services.unsubscribe(token):
            return self.render_to_response({"known": False}, status=404)
        return self.render_to_response({"done": True, "known": True})
