from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Biên tập viên"
CHIEF_EDITORS = "Thư ký tòa soạn"

EDITOR_PERMISSIONS = [
    "add_article",
    "change_article",
    "view_article",
    "view_category",
    "add_tag",
    "view_tag",
    "view_comment",
]
CHIEF_PERMISSIONS = [
    "add_article",
    "change_article",
    "delete_article",
    "view_article",
    "publish_article",
    "add_category",
    "change_category",
    "view_category",
    "add_tag",
    "change_tag",
    "delete_tag",
    "view_tag",
    "change_comment",
    "delete_comment",
    "view_comment",
    "view_rating",
]


def make_groups(apps, schema_editor):
    # Permissions are normally made after migrate; the groups need them now.
    news_config = apps.get_app_config("news")
    news_config.models_module = True
    create_permissions(news_config, apps=apps, verbosity=0)
    news_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ((EDITORS, EDITOR_PERMISSIONS), (CHIEF_EDITORS, CHIEF_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, CHIEF_EDITORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
