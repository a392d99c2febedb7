from django.db import migrations

REPORTER_GROUP = "Báo cáo viên"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=REPORTER_GROUP)


def remove_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=REPORTER_GROUP, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("documents", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
