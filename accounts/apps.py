from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản và bảo mật"

    def ready(self):
        from . import audit, receivers  # noqa: F401

        audit.register_models()
