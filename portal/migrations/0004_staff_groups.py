"""The groups a department uses, so that no daily work needs a superuser."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")
# Group -> [(app, model, actions)]
GROUPS = {
    "Quản lý văn bản": [
        ("documents", "document", ALL),
        ("documents", "documentfile", ALL),
        ("documents", "documenttype", ALL),
        ("documents", "issuingbody", ALL),
        ("documents", "field", ALL),
        ("documents", "consultationopinion", ("view", "delete")),
        ("documents", "reportersubscription", ("view",)),
    ],
    "Quản lý thăm dò, quảng cáo": [
        ("polls", "poll", ALL),
        ("polls", "choice", ALL),
        ("polls", "vote", ("view",)),
        ("portal", "banner", ALL),
    ],
    "Quản lý trang, cấu hình": [
        ("portal", "sitesettings", ("change", "view")),
        ("portal", "maintenancenotice", ALL),
        ("pages", "page", ALL),
        ("pages", "leader", ALL),
        ("pages", "contactmessage", ("change", "view", "delete")),
        ("multimedia", "album", ALL),
        ("multimedia", "photo", ALL),
        ("multimedia", "video", ALL),
    ],
}
APPS = ("documents", "polls", "portal", "pages", "multimedia")


def make_groups(apps, schema_editor):
    # Permissions are normally made after migrate; the groups need them now.
    for label in APPS:
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app, model, actions in grants:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(GROUPS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_site_settings_ownership"),
        ("documents", "0005_reporter_subscriptions"),
        ("polls", "0002_choice_imported_votes_poll_imported_voters"),
        ("pages", "0001_initial"),
        ("multimedia", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
