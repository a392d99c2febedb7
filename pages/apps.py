from django.apps import AppConfig


class PagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
    verbose_name = "Giới thiệu, liên hệ"

    def ready(self):
        from . import signals  # noqa: F401
