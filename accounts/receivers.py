from auditlog.models import LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

from .audit import add_address_hash, keep_recent_entries, record_event
from .signals import second_factor_failed, second_factor_passed

pre_save.connect(add_address_hash, sender=LogEntry, dispatch_uid="audit-address-hash")
pre_delete.connect(keep_recent_entries, sender=LogEntry, dispatch_uid="audit-keep-recent")


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    record_event("login", request, user)


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    if user is not None:
        record_event("logout", request, user)


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs):
    record_event("login_failed", request, username=credentials.get("username", ""))


@receiver(second_factor_passed)
def log_second_factor_passed(sender, request, **kwargs):
    record_event("second_factor_passed", request, request.user)


@receiver(second_factor_failed)
def log_second_factor_failed(sender, request, **kwargs):
    record_event("second_factor_failed", request, request.user)
