"""Sign-in (django-axes guards it), sign-out, passwords, the idle keep-alive, and the second
factor's enrolment and proof (accounts/twofactor.py)."""

import base64
import io
from base64 import b32encode
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image
from django_ratelimit.decorators import ratelimit

from .forms import TokenForm
from .middleware import idle_logout_message, idle_seconds, touch
from .signals import second_factor_failed, second_factor_passed
from .twofactor import new_backup_codes

# After each wrong code django-otp makes the next try wait (1 s, 2 s, 4 s...).
WRONG_TOKEN = (
    "Mã xác thực không đúng hoặc đã hết hạn. Vui lòng đợi vài giây rồi nhập mã mới trên ứng dụng."
)


class NextMixin:
    def next_url(self):
        target = self.request.POST.get("next") or self.request.GET.get("next") or "/admin/"
        if url_has_allowed_host_and_scheme(target, {self.request.get_host()}, require_https=False):
            return target
        return "/admin/"

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.next_url(), **kwargs)


class VerifyView(LoginRequiredMixin, NextMixin, FormView):
    template_name = "accounts/twofactor_verify.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not user_has_device(request.user):
            return redirect(f"{reverse('twofactor:setup')}?next={quote(self.next_url())}")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        device = match_token(self.request.user, form.cleaned_data["token"])
        if device is None:
            second_factor_failed.send(sender=VerifyView, request=self.request)
            form.add_error("token", WRONG_TOKEN)
            return self.form_invalid(form)
        otp_login(self.request, device)
        second_factor_passed.send(sender=VerifyView, request=self.request)
        return redirect(self.next_url())


class SetupView(LoginRequiredMixin, NextMixin, FormView):
    """Scan the QR code (or type the key), confirm with a code: then the backup codes, once."""

    template_name = "accounts/twofactor_setup.html"
    form_class = TokenForm

    def device(self):
        device = TOTPDevice.objects.filter(user=self.request.user, confirmed=False).first()
        return device or TOTPDevice.objects.create(
            user=self.request.user, name="Ứng dụng xác thực", confirmed=False
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_has_device(request.user):
            messages.info(request, "Tài khoản đã có xác thực hai lớp.")
            return redirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        device = self.device()
        svg = io.BytesIO()
        write_qrcode_image(device.config_url, svg)
        secret = b32encode(device.bin_key).decode()
        return super().get_context_data(
            qr_data_uri="data:image/svg+xml;base64," + base64.b64encode(svg.getvalue()).decode(),
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            **kwargs,
        )

    def form_valid(self, form):
        device = self.device()
        if not device.verify_token(form.cleaned_data["token"]):
            second_factor_failed.send(sender=SetupView, request=self.request)
            form.add_error("token", WRONG_TOKEN)
            return self.form_invalid(form)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(self.request, device)
        second_factor_passed.send(sender=SetupView, request=self.request)
        codes = new_backup_codes(self.request.user)
        return self.response_class(
            request=self.request,
            template=["accounts/twofactor_backup_codes.html"],
            context={"codes": codes, "next": self.next_url()},
            using=self.template_engine,
        )


# Sign-in, sign-out, passwords and the idle keep-alive ---------------------------------------


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
