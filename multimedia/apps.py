from django.apps import AppConfig


class MultimediaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "multimedia"
    verbose_name = "Ảnh, video"

    def ready(self):
        from . import signals  # noqa: F401
