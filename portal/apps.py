from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        from django.contrib.auth.models import User

        from . import signals, uploads  # noqa: F401

        # Vietnamese order, family name first ("Nguyễn Thị Lan"), wherever Django shows a name.
        User.get_full_name = vietnamese_full_name


def vietnamese_full_name(user):
    return " ".join(part for part in (user.last_name, user.first_name) if part).strip()
