from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản và bảo mật"

    def ready(self):
        from . import receivers  # noqa: F401

        translate_device_admins()


def translate_device_admins():
    """django-otp writes its admins' search hint in English, outside gettext."""
    from django.contrib import admin
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    hint = "Tìm theo tên đăng nhập hoặc địa chỉ email của người dùng"
    for model in (StaticDevice, TOTPDevice):
        if model in admin.site._registry:
            admin.site._registry[model].search_help_text = hint
