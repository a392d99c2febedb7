from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "importer"
    verbose_name = "Chuyển dữ liệu từ NukeViet"
    default_auto_field = "django.db.models.BigAutoField"
